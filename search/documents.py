"""The search document of a practice: three weighted fields of analysed text, the same for every backend.

- ``title``: the title and short name (the highest weight);
- ``labels``: what the practice is tagged with, in every interface language: themes, target groups and
  transfer audiences (each translation's label under its language's stemmer, and the vocabulary's
  synonyms), programmes, organisation names and acronyms, city, region and country names;
- ``body``: summary, story sections, outcomes, transfer conditions, awards, replication places.

So a German query finds an English-only practice through the German labels of its themes, and the
other way round. The text is analysed in Python (``search.analysis``) and stored pre-analysed by the
backend, so SQLite, PostgreSQL and Elasticsearch match the same stems.

Documents are written when a practice is saved or published (``search.apps`` connects the signals)
and all at once by ``refresh_search``. The words of the documents, unstemmed, go to ``SearchWord``:
the vocabulary that spelling suggestions come from.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pycountry
from django.db import transaction
from django.utils.html import strip_tags

from practices.models import (
    PracticeAward,
    PracticeOrganisation,
    PracticePage,
    PracticePlace,
    ReplicationPlace,
    TargetGroup,
    Theme,
    TransferAudience,
)
from search.analysis import LANGUAGES, index_text, lexicon_words
from search.backends import get_backend

BODY_FIELDS = ("summary", "challenge", "approach", "results", "lessons", "transfer_conditions")
TERM_FIELDS = {"themes": Theme, "target_groups": TargetGroup, "transfer_audiences": TransferAudience}
CHUNK = 500  # practices read, analysed and written together

# German names of places recorded in English (regions are recorded in English; see PracticePlace).
GERMAN_PLACE_NAMES = {
    "Munich": "München",
    "Vienna": "Wien",
    "Zurich": "Zürich",
    "Cologne": "Köln",
    "Nuremberg": "Nürnberg",
    "Hanover": "Hannover",
    "Brussels": "Brüssel",
    "Lisbon": "Lissabon",
    "Gothenburg": "Göteborg",
    "Copenhagen": "Kopenhagen",
    "Rome": "Rom",
    "Milan": "Mailand",
    "Ghent": "Gent",
    "Warsaw": "Warschau",
    "Prague": "Prag",
    "Athens": "Athen",
    "Geneva": "Genf",
    "Bavaria": "Bayern",
    "Saxony": "Sachsen",
    "Lower Saxony": "Niedersachsen",
    "North Rhine-Westphalia": "Nordrhein-Westfalen",
    "Hesse": "Hessen",
    "Thuringia": "Thüringen",
    "Rhineland-Palatinate": "Rheinland-Pfalz",
    "Saxony-Anhalt": "Sachsen-Anhalt",
    "Mecklenburg-Western Pomerania": "Mecklenburg-Vorpommern",
    "Styria": "Steiermark",
    "Lower Austria": "Niederösterreich",
    "Upper Austria": "Oberösterreich",
    "Tyrol": "Tirol",
    "Carinthia": "Kärnten",
    "Canton of Zurich": "Kanton Zürich",
    "Basque Country": "Baskenland",
    "East Flanders": "Ostflandern",
    "Piedmont": "Piemont",
    "South Holland": "Südholland",
    "Brussels-Capital Region": "Region Brüssel-Hauptstadt",
    "Valencian Community": "Valencianische Gemeinschaft",
    "Skåne": "Schonen",
    "Central Denmark Region": "Region Mitteljütland",
}


@dataclass
class Document:
    page_id: int
    language: str
    title: str
    labels: str
    body: str
    words: dict[str, list[str]] = field(default_factory=dict)  # language -> words as typed


def _text(value) -> str:
    return " ".join(strip_tags(str(value or "")).split())


def country_names(code: str) -> dict[str, str]:
    """The country's name per interface language (English and pycountry's German catalogue)."""
    import gettext

    country = pycountry.countries.get(alpha_2=code or "")
    if country is None:
        return {}
    name = getattr(country, "common_name", None) or country.name
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    return {"en": name, "de": german.gettext(name)}


class _Labels:
    """Labels of vocabulary terms in every language, read once per batch of documents."""

    def __init__(self):
        self.names: dict[tuple[type, object], list[tuple[str, str]]] = defaultdict(list)
        self.synonyms: dict[tuple[type, object], str] = {}
        for model in TERM_FIELDS.values():
            for key, language, name, synonyms in model.objects.values_list(
                "translation_key", "locale__language_code", "name", "synonyms"
            ):
                self.names[(model, key)].append((language, name))
                self.synonyms[(model, key)] = " ".join(synonyms.split())
        self.countries: dict[str, dict[str, str]] = {}

    def country(self, code: str) -> dict[str, str]:
        if code not in self.countries:
            self.countries[code] = country_names(code)
        return self.countries[code]


@dataclass
class _Source:
    """What a practice's document is made of, read with one query per table for a whole chunk."""

    page_id: int
    language: str
    title: str
    short_name: str
    body: list[str]
    terms: list[tuple[type, object]] = field(default_factory=list)  # (model, translation_key)
    names: list[str] = field(default_factory=list)  # programmes and organisations: names and acronyms
    places: list[tuple[str, str, str]] = field(default_factory=list)  # city, region, country
    extra_body: list[str] = field(default_factory=list)  # awards, replication places


def _sources(ids: list[int]) -> list[_Source]:
    """The chunk's practices in id order, from one ``values()`` query per table (no model instances and no
    modelcluster prefetches: a rebuild of 100,000 practices reads plain rows)."""
    rows = (
        PracticePage.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "locale__language_code", "title", "short_name", "outcomes", *BODY_FIELDS)
    )
    sources = {}
    for pk, language, title, short_name, outcomes, *body in rows:
        texts = [_text(value) for value in body]
        texts += [
            _text(block["value"].get("text", "")) for block in _stream(outcomes) if block.get("type") == "outcome"
        ]
        sources[pk] = _Source(pk, language, title, short_name or "", texts)
    for name, model in TERM_FIELDS.items():
        through = PracticePage._meta.get_field(name).remote_field.through
        key = model._meta.model_name
        links = through.objects.filter(practicepage_id__in=ids).order_by(f"{key}__name", key)
        for page_id, translation_key in links.values_list("practicepage_id", f"{key}__translation_key"):
            sources[page_id].terms.append((model, translation_key))
    through = PracticePage._meta.get_field("programmes").remote_field.through
    links = through.objects.filter(practicepage_id__in=ids).order_by("programme__name", "programme")
    for page_id, *names in links.values_list("practicepage_id", "programme__name", "programme__short_name"):
        sources[page_id].names += names
    roles = PracticeOrganisation.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
    for page_id, name, short_name, local_names in roles.values_list(
        "page_id", "organisation__name", "organisation__short_name", "organisation__names"
    ):
        sources[page_id].names += [name, short_name, *(local_names or {}).values()]
    places = PracticePlace.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
    for page_id, *place in places.values_list("page_id", "city", "region", "country"):
        sources[page_id].places.append(tuple(place))
    awards = PracticeAward.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
    for page_id, name, body in awards.values_list("page_id", "name", "awarding_body"):
        sources[page_id].extra_body.append(f"{name} {body}")
    replications = ReplicationPlace.objects.filter(page_id__in=ids).order_by("sort_order", "pk")
    for page_id, city in replications.values_list("page_id", "city"):
        sources[page_id].extra_body.append(city)
    return [sources[pk] for pk in sorted(sources)]


def _stream(value) -> list[dict]:
    """A StreamField's stored blocks as plain dicts (``values()`` gives a lazy StreamValue: its raw data)."""
    value = getattr(value, "raw_data", value)
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return list(value or [])


def _documents(sources: Iterable[_Source], labels: _Labels) -> list[Document]:
    documents = []
    for source in sources:
        language = source.language
        own = (language,)
        lexicon: dict[str, list[str]] = defaultdict(list)
        names: list[str] = []  # language-neutral: analysed under every stemmer
        label_parts: list[str] = []
        for term in source.terms:
            for term_language, label in labels.names[term]:
                label_parts.append(index_text(label, (term_language,)))
                lexicon[term_language] += lexicon_words(label)
            names.append(labels.synonyms.get(term, ""))
        names += source.names
        for city, region, country_code in source.places:
            names += [city, region, GERMAN_PLACE_NAMES.get(city, ""), GERMAN_PLACE_NAMES.get(region, "")]
            for country_language, country in labels.country(country_code).items():
                label_parts.append(index_text(country, (country_language,)))
                lexicon[country_language] += lexicon_words(country)
        name_text = " ".join(part for part in names if part)
        label_parts.append(index_text(name_text, LANGUAGES))
        for each in LANGUAGES:
            lexicon[each] += lexicon_words(name_text)

        title_text = f"{source.title} {source.short_name}"
        body_text = " ".join(part for part in source.body + source.extra_body if part)
        lexicon[language] += lexicon_words(title_text) + lexicon_words(body_text)
        documents.append(
            Document(
                page_id=source.page_id,
                language=language,
                title=index_text(title_text, own),
                labels=" ".join(part for part in label_parts if part),
                body=index_text(body_text, own),
                words=dict(lexicon),
            )
        )
    return documents


def build_documents(ids: Iterable[int] | None = None) -> list[Document]:
    if ids is None:
        ids = PracticePage.objects.order_by("pk").values_list("pk", flat=True)
    ids, labels, documents = list(ids), _Labels(), []
    for start in range(0, len(ids), CHUNK):
        documents += _documents(_sources(ids[start : start + CHUNK]), labels)
    return documents


def plain_texts(ids: list[int]) -> list[tuple[int, str, str]]:
    """Each practice's title and body as written, without stems, labels or names: what a plain full-text
    index of the same practices holds (the benchmark compares index sizes with it)."""
    texts = []
    for start in range(0, len(ids), CHUNK):
        for source in _sources(ids[start : start + CHUNK]):
            texts.append(
                (source.page_id, f"{source.title} {source.short_name}", " ".join(source.body + source.extra_body))
            )
    return texts


def index_practices(ids: Iterable[int]) -> None:
    """Write the documents of these practices (removing those that no longer exist) and their words."""
    from search.models import SearchWord

    ids = list(ids)
    documents = build_documents(ids)
    backend = get_backend()
    found = {document.page_id for document in documents}
    with transaction.atomic():
        backend.remove([pk for pk in ids if pk not in found])
        backend.index(documents)
        SearchWord.add(_word_counts(documents))


def remove_practices(ids: Iterable[int]) -> None:
    get_backend().remove(list(ids))


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """All documents and the suggestion vocabulary from scratch (``refresh_search``, the benchmark)."""
    from search.models import SearchWord

    backend = get_backend()
    backend.clear()
    counts: Counter = Counter()
    labels = _Labels()
    ids = list(PracticePage.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        documents = _documents(_sources(ids[start : start + CHUNK]), labels)
        with transaction.atomic():
            backend.index(documents)
        counts.update(_word_counts(documents))
        if progress:
            progress(min(start + CHUNK, len(ids)), len(ids))
    SearchWord.replace(counts)
    return len(ids)


def _word_counts(documents: list[Document]) -> Counter:
    counts: Counter = Counter()
    for document in documents:
        for language, found in document.words.items():
            counts.update((language, word) for word in set(found))
    return counts
