"""Write parsed practice records into Wagtail as draft revisions, with their provenance.

Every practice is written inside its own transaction. The rules:

- A record whose every source text (sha256) was imported before changes nothing: ``unchanged``.
- No practice matches: a new draft page under the practice index, submitted to moderation
  (or published with ``publish=True``): ``created``.
- A source already imported from the same address or file changed: a new draft revision, unless an editor
  saved the page since the last import; then nothing is written and the conflict is reported, so the
  editor's revision stays the latest: ``updated`` or ``conflict``.
- A practice matches by name, acronym, organisation and place but the source is new (a second database
  describing it): the source is added and only empty fields are filled, never overwriting: ``merged``.
- In another locale than the default, a match in the default locale becomes the translation of that
  practice instead of a second practice.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from importers.extract.organisations import normalise_name, same_organisation
from importers.extract.places import lookup_city
from importers.merge import same_practice, same_practice_in_another_language
from importers.models import ImportRecord
from importers.vocabulary import Vocabulary
from practices.localize import record_translation_strings
from practices.models import (
    Organisation,
    OrganisationType,
    PracticeIndexPage,
    PracticePage,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)
from practices.models.related import (
    PracticeAward,
    PracticeContact,
    PracticeOrganisation,
    PracticePlace,
    PracticeSource,
    ReplicationPlace,
)
from practices.records import ContactRecord, PlaceRecord, PracticeRecord
from practices.records import OrganisationRecord as OrgRecord
from practices.validators import FIRST_YEAR

SUMMARY_LIMIT = 600
VOCABULARY_MODELS = {
    "target_groups": TargetGroup,
    "themes": Theme,
    "transfer_audiences": TransferAudience,
    "organisation_types": OrganisationType,
}


@dataclass
class LoadResult:
    status: str  # created | updated | merged | unchanged | conflict
    page: Page | None
    message: str = ""
    warnings: list[str] = field(default_factory=list)


class LoadError(Exception):
    """A record could not be written; nothing of it was saved."""


def vocabulary_from_database() -> Vocabulary:
    """The vocabularies as editors keep them: labels in every locale plus synonyms, per stable slug."""
    terms: dict[str, list[tuple[str, list[str]]]] = {}
    for name, model in VOCABULARY_MODELS.items():
        phrases: dict[str, list[str]] = {}
        for term in model.objects.all().order_by("locale_id", "pk"):
            phrases.setdefault(term.slug, []).extend([term.name, *term.synonym_list()])
        terms[name] = [(slug, sorted(set(words))) for slug, words in phrases.items()]
    return Vocabulary(terms)


def practice_index(locale: Locale) -> PracticeIndexPage:
    index = PracticeIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise LoadError(f"There is no practice index in locale '{locale.language_code}'; run `manage.py load_demo`.")
    return index


def load_record(
    record: PracticeRecord,
    *,
    locale: Locale | None = None,
    publish: bool = False,
    user: AbstractBaseUser | None = None,
) -> LoadResult:
    """Write one (merged) practice record. Atomic: on any error nothing of it is saved."""
    locale = locale or Locale.get_default()
    with transaction.atomic():
        hashes = {source.sha256 for source in record.sources if source.sha256}
        known = ImportRecord.objects.filter(sha256__in=hashes, page__locale=locale).exclude(
            status=ImportRecord.Status.CONFLICT
        )
        known_hashes = set(known.values_list("sha256", flat=True))
        if hashes and known_hashes >= hashes:
            return LoadResult("unchanged", known.first().page.specific, "every source was imported before")

        page, how = find_practice(record, locale)
        if page is None and locale != Locale.get_default():
            original, how = find_practice(record, Locale.get_default(), matcher=same_practice_in_another_language)
            if original is not None:
                return _create_translation(record, original, locale, publish, user, how)
        if page is None:
            return _create(record, locale, publish, user)
        if how == "same source":
            return _update(record, page, publish, user)
        return _merge(record, page, publish, user, how)


def find_practice(
    record: PracticeRecord, locale: Locale, matcher: Callable = same_practice
) -> tuple[PracticePage | None, str]:
    """The practice a record describes, and how it was recognised ("same source" or the fuzzy match)."""
    addresses = {s.url for s in record.sources if s.url}
    files = {s.file for s in record.sources if s.file}
    previous = ImportRecord.objects.filter(page__locale=locale).filter(
        **({"source_url__in": addresses} if addresses else {"file_name__in": files})
    )
    if (addresses or files) and previous.exists():
        return previous.first().page.specific, "same source"
    # Only practices sharing an acronym, a city or an organisation can match; score just those.
    shared = Q(short_name__iexact=record.short_name) if record.short_name else Q(pk__in=[])
    cities = [p.city for p in record.places if p.city]
    organisations = [o.name for o in record.organisations if o.role not in ("funder", "network")]
    if cities:
        shared |= Q(places__city__in=cities)
    if organisations:
        shared |= Q(organisation_roles__organisation__name__in=organisations)
    candidates = PracticePage.objects.filter(locale=locale).filter(shared).distinct()
    best: tuple[float, PracticePage | None, str] = (0.0, None, "")
    for page in candidates:
        matched, score, reason = matcher(record, _record_of(page.get_latest_revision_as_object()))
        if matched and score > best[0]:
            best = (score, page, f"matched “{page.title}” ({reason}, score {score:.2f})")
    return best[1], best[2]


def _record_of(page: PracticePage) -> PracticeRecord:
    return PracticeRecord(
        title=page.title,
        short_name=page.short_name,
        start_year=page.start_year,
        contacts=[ContactRecord(name=c.name) for c in page.contacts.all()],
        places=[PlaceRecord(city=p.city, region=p.region, country=p.country) for p in page.places.all()],
        organisations=[
            OrgRecord(name=link.organisation.name, short_name=link.organisation.short_name, role=link.role)
            for link in page.organisation_roles.all()
        ],
    )


# Creating, updating, merging ------------------------------------------------------------------------


def _create(record: PracticeRecord, locale: Locale, publish: bool, user) -> LoadResult:
    index = practice_index(locale)
    warnings: list[str] = []
    page = PracticePage(title=record.title[:255] or "Untitled practice", locale=locale, live=False)
    page.slug = _unique_slug(index, record.short_name or record.title)
    _apply(page, record, overwrite=True, warnings=warnings)
    index.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    _finish(page, revision, publish, user)
    _log(page, revision, record, ImportRecord.Status.CREATED, user, warnings)
    return LoadResult("created", page, f"created “{page.title}”", warnings)


def _update(record: PracticeRecord, page: PracticePage, publish: bool, user) -> LoadResult:
    last_import = page.import_records.exclude(status=ImportRecord.Status.CONFLICT).first()
    if last_import is not None and last_import.revision_id != page.latest_revision_id:
        _log(page, None, record, ImportRecord.Status.CONFLICT, user, [])
        return LoadResult(
            "conflict",
            page,
            f"“{page.title}” was edited after the last import (revision {page.latest_revision_id}); "
            "the changed source was not applied. Compare the source with the page and update it by hand.",
        )
    warnings = _new_revision(page, record, ImportRecord.Status.UPDATED, publish, user)
    return LoadResult("updated", page, f"new draft revision of “{page.title}” from the changed source", warnings)


def _merge(record: PracticeRecord, page: PracticePage, publish: bool, user, how: str) -> LoadResult:
    warnings = _new_revision(page, record, ImportRecord.Status.MERGED, publish, user)
    return LoadResult("merged", page, f"added a source to “{page.title}”: {how}", warnings)


def _new_revision(page: PracticePage, record: PracticeRecord, status: str, publish: bool, user) -> list[str]:
    """A draft revision on top of the latest one: an update overwrites imported facts, a merge only fills gaps."""
    draft = page.get_latest_revision_as_object()
    warnings: list[str] = []
    _apply(draft, record, overwrite=status == ImportRecord.Status.UPDATED, warnings=warnings)
    revision = draft.save_revision(user=user, log_action=True)
    _finish(draft, revision, publish, user)
    _log(page, revision, record, status, user, warnings)
    return warnings


def _create_translation(
    record: PracticeRecord, original: PracticePage, locale: Locale, publish: bool, user, how: str
) -> LoadResult:
    """The record is a translation of ``original``: made through wagtail-localize, so editors can sync it."""
    source, _ = TranslationSource.get_or_create_from_instance(original)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    target = original.get_translation_or_none(locale)
    if target is None:
        translation.save_target(user=user, publish=False)
        target = translation.get_target_instance()
    draft = target.specific.get_latest_revision_as_object()
    warnings: list[str] = []
    _apply_prose(draft, record, warnings)
    _add_sources(draft, record)
    # Texts with the source's shape become translation strings in wagtail-localize's editor too.
    record_translation_strings(source, draft, locale, strict=False)
    revision = draft.save_revision(user=user, log_action=True)
    _finish(draft, revision, publish, user)
    _log(draft, revision, record, ImportRecord.Status.CREATED, user, warnings)
    return LoadResult("created", draft, f"translation ({locale.language_code}) of “{original.title}”: {how}", warnings)


def _finish(page: PracticePage, revision, publish: bool, user) -> None:
    if publish:
        revision.publish(user=user)
        return
    workflow = page.get_workflow()
    if workflow is not None and not page.workflow_in_progress:
        workflow.start(page, user)


def _log(page, revision, record: PracticeRecord, status: str, user, warnings: list[str]) -> None:
    for source in record.sources:
        ImportRecord.objects.create(
            page=page,
            revision=revision,
            source_kind=source.kind,
            source_url=source.url[:500],
            file_name=source.file[:255],
            sha256=source.sha256,
            status=status,
            confidence=record.confidence,
            warnings=[*record.warnings, *warnings],
            imported_by=user if getattr(user, "pk", None) else None,
        )


# Field mapping ----------------------------------------------------------------------------------------


def _apply(page: PracticePage, record: PracticeRecord, *, overwrite: bool, warnings: list[str]) -> None:
    def put(name: str, value) -> None:
        if value in (None, "", []):
            return
        if overwrite or not getattr(page, name):
            setattr(page, name, value)

    put("title", record.title[:255])
    put("short_name", record.short_name[:80])
    put("summary", _summary(record, warnings))
    start, end = _years(record, warnings)
    put("start_year", start)
    put("end_year", end)
    _apply_prose(page, record, warnings, overwrite=overwrite)
    _add_terms(page, record)
    _add_programmes(page, record)
    _add_places(page, record, warnings)
    _add_organisations(page, record)
    _add_contacts(page, record)
    _add_awards(page, record)
    _add_sources(page, record)


def _apply_prose(page: PracticePage, record: PracticeRecord, warnings: list[str], *, overwrite: bool = True) -> None:
    prose = {
        "title": record.title[:255],
        "summary": _summary(record, warnings) if record.title else "",
        "challenge": _rich(record.challenge),
        "approach": _rich(record.approach or record.description),
        "results": _rich(record.results),
        "lessons": _rich_list(record.lessons),
    }
    for name, value in prose.items():
        if value and (overwrite or not getattr(page, name)):
            setattr(page, name, value)
    if record.outcomes and (overwrite or not page.outcomes):
        page.outcomes = [
            ("outcome", {"text": text, "evidence_level": "described", "indicator": ""}) for text in record.outcomes
        ]
    if record.quotes and (overwrite or not page.voices):
        page.voices = [("quote", {"quote": q.quote, "attribution": q.attribution}) for q in record.quotes]


def _summary(record: PracticeRecord, warnings: list[str]) -> str:
    if record.summary:
        return _cut(record.summary)
    for text in (record.description, record.challenge, record.approach, record.results):
        first = next((p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()), "")
        if first:
            warnings.append("no summary in the source: the first paragraph stands in for it; please shorten it")
            return _cut(first)
    warnings.append("no summary in the source: the title stands in for it")
    return record.title[:SUMMARY_LIMIT]


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SUMMARY_LIMIT:
        return text
    return text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _years(record: PracticeRecord, warnings: list[str]) -> tuple[int | None, int | None]:
    last = datetime.date.today().year + 1

    def valid(year: int | None, label: str) -> int | None:
        if year is None or FIRST_YEAR <= year <= last:
            return year
        warnings.append(f"{label} {year} is outside {FIRST_YEAR}–{last} and was left empty")
        return None

    start, end = valid(record.start_year, "start year"), valid(record.end_year, "end year")
    if start and end and end < start:
        warnings.append(f"end year {end} is before start year {start} and was left empty")
        end = None
    return start, end


def _rich(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)


def _rich_list(items: list[str]) -> str:
    items = [i.strip() for i in items if i.strip()]
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>" if items else ""


def _add_terms(page: PracticePage, record: PracticeRecord) -> None:
    default = Locale.get_default()
    for field_name, model, slugs in (
        ("themes", Theme, record.themes),
        ("target_groups", TargetGroup, record.target_groups),
        ("transfer_audiences", TransferAudience, record.transfer_audiences),
    ):
        if not slugs:
            continue
        current = list(getattr(page, field_name).all())
        have = {term.slug for term in current}
        new = list(model.objects.filter(locale=default, slug__in=[s for s in slugs if s not in have]))
        if new:
            setattr(page, field_name, current + new)


def _add_programmes(page: PracticePage, record: PracticeRecord) -> None:
    current = list(page.programmes.all())
    for name in record.programmes:
        programme = _programme(name)
        if programme not in current:
            current.append(programme)
    page.programmes = current


def _programme(name: str) -> Programme:
    for programme in Programme.objects.all():
        if name.casefold() in (programme.name.casefold(), programme.short_name.casefold()):
            return programme
    short = name if len(name) <= 12 else ""
    slug = slugify(name)[:70] or "programme"
    while Programme.objects.filter(slug=slug).exists():
        slug = f"{slug}-x"
    return Programme.objects.create(name=name[:255], short_name=short, slug=slug)


def _add_places(page: PracticePage, record: PracticeRecord, warnings: list[str]) -> None:
    current = list(page.places.all())
    for place in record.places:
        if not place.country:
            warnings.append(f"place “{place.city or place.region}” has no country and was left out")
            continue
        if any(p.country == place.country and p.city.casefold() == place.city.casefold() for p in current):
            continue
        current.append(PracticePlace(city=place.city[:120], region=place.region[:120], country=place.country))
    page.places = current
    if not current:
        warnings.append("no place found: add at least one before publishing")
    home_country = current[0].country if current else ""
    replications = list(page.replicated_in.all())
    for name in record.replicated_in:
        if any(r.city.casefold() == name.casefold() for r in replications):
            continue
        city = lookup_city(name, home_country) or lookup_city(name)
        if city is None:
            warnings.append(f"replicated in “{name}”: place not recognised, left out")
            continue
        replications.append(ReplicationPlace(city=name[:120], country=city.country))
    page.replicated_in = replications


def _add_organisations(page: PracticePage, record: PracticeRecord) -> None:
    links = list(page.organisation_roles.all())
    for item in record.organisations:
        organisation = find_or_create_organisation(item)
        if any(link.organisation_id == organisation.pk and link.role == item.role for link in links):
            continue
        links.append(PracticeOrganisation(organisation=organisation, role=item.role))
    page.organisation_roles = links


def find_or_create_organisation(item: OrgRecord) -> Organisation:
    """Reuse an organisation by normalised name or acronym; create it otherwise."""
    name = normalise_name(item.name)[:255]
    for organisation in Organisation.objects.all():
        if same_organisation(organisation.name, name) or (
            item.short_name and item.short_name in (organisation.short_name, organisation.name)
        ):
            return organisation
    org_type = (
        OrganisationType.objects.filter(slug=item.type, locale=Locale.get_default()).first() if item.type else None
    )
    return Organisation.objects.create(name=name, short_name=item.short_name[:60], organisation_type=org_type)


def _add_contacts(page: PracticePage, record: PracticeRecord) -> None:
    contacts = list(page.contacts.all())
    for item in record.contacts:
        if not item.name or any(c.name == item.name for c in contacts):
            continue
        contacts.append(
            PracticeContact(
                name=item.name[:160],
                function=item.function[:160],
                organisation=item.organisation[:255],
                email=item.email[:254],
                phone=item.phone[:60],
                postal_address=item.address,
                publish=False,  # personal data: an editor decides
            )
        )
    page.contacts = contacts


def _add_awards(page: PracticePage, record: PracticeRecord) -> None:
    awards = list(page.awards.all())
    for item in record.awards:
        if not any(a.name == item.name and a.year == item.year for a in awards):
            awards.append(PracticeAward(name=item.name[:255], year=item.year))
    page.awards = awards


def _add_sources(page: PracticePage, record: PracticeRecord) -> None:
    sources = list(page.sources.all())
    retrieved = timezone.now()
    for item in record.sources:
        # A changed text from the same address replaces the old one; the import log keeps the history.
        sources = [s for s in sources if not (item.url and s.url == item.url and s.sha256 != item.sha256)]
        if any(s.sha256 == item.sha256 for s in sources):
            continue
        sources.append(
            PracticeSource(
                kind=item.kind or "other",
                title=item.title[:255],
                url=item.url[:500],
                publisher=item.publisher[:255],
                date_on_source=_date(item.date),
                source_last_updated=_date(item.last_updated),
                contributed_by=item.contributed_by[:255],
                retrieved_at=retrieved,
                raw_text=item.raw_text,
                sha256=item.sha256,
                file_name=item.file[:255],
            )
        )
    page.sources = sources


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _unique_slug(parent: Page, text: str) -> str:
    base = slugify(text)[:70] or "practice"
    slug, number = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
