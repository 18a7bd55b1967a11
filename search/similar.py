"""Similar practices: shared themes, target groups and transfer audiences, and shared words.

Computed in the background after a practice is published (``search.tasks.refresh_similar``: for it and
for the practices it resembles most) and for all practices by ``refresh_search``; a practice page reads
its four stored neighbours with one query, so no request scans the collection.

One computation serves one practice and the whole collection alike (``compute_many``): the live practices
are read with a few queries into arrays (a practice × term matrix, and for the words a practice is
compared by, the practices whose title or summary holds them); then, for a block of practices at a time,

- the term score of every other practice is a matrix product: for each shared theme 3, target group 2,
  transfer audience 1.5;
- the practice's distinctive words (the longest of its title, short name and summary) rank the others by
  the summed rarity (``log(1 + N / df)``) of the words their title, short name or summary shares; the best
  ``TEXT_HITS`` gain ``TEXT_WEIGHT × (1 − rank / TEXT_HITS)``;
- the best ``SIMILAR_COUNT`` by score, then id, among the practices shown in the page's language (the
  facet index's or the cluster's candidates), other versions of the same practice left out.

So ``refresh_all`` at 100,000 practices is one pass, and a practice's neighbours are the same whether it is
computed alone or with every other (``test_similar`` compares both).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from wagtail.models import Locale

from practices.models import PracticePage
from practices.visibility import public
from search.analysis import WORD
from search.facet_index import facet_index
from search.models import SimilarPractice

SIMILAR_COUNT = 4
TEXT_HITS = 20
TERM_WEIGHTS = {"themes": 3.0, "target_groups": 2.0, "transfer_audiences": 1.5}
TEXT_WEIGHT = 2.0
DISTINCTIVE_WORDS = 6
MIN_WORD = 5  # distinctive words are longer than four letters
BLOCK = 128  # practices whose term scores are one matrix product (a block costs practices × BLOCK × 4 bytes)
COMPUTED_MARK = "similar-computed:{}"

Progress = Callable[[int, int], None]


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _distinctive_words(short_name: str, title: str, summary: str) -> list[str]:
    """A few longer words of the title, short name and summary: what a practice is compared by."""
    words = _words(f"{short_name} {title} {summary}")
    longest = sorted(dict.fromkeys(w for w in words if len(w) >= MIN_WORD), key=len, reverse=True)
    return longest[:DISTINCTIVE_WORDS]


@dataclass
class _Collection:
    """The live practices as arrays, in id order (an index into them is a position, not an id)."""

    ids: np.ndarray
    position: dict[int, int]
    locale: dict[int, int]  # id -> locale id
    translation_group: dict[int, list[int]]  # id -> positions of every version of the same practice
    terms: np.ndarray  # practices × terms, 1 where tagged
    weights: np.ndarray  # per term column
    distinctive: dict[int, list[str]] = field(default_factory=dict)  # id -> words (the practices asked for)
    postings: dict[str, np.ndarray] = field(default_factory=dict)  # word -> positions of the practices holding it
    rarity: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, wanted: set[int] | None) -> _Collection:
        """Every live practice; words only for those the ``wanted`` practices (None: all) are compared by."""
        rows = list(
            PracticePage.objects.live()
            .order_by("pk")
            .values_list("pk", "locale_id", "translation_key", "short_name", "title", "summary")
        )
        ids = np.array([row[0] for row in rows], dtype=np.int64)
        position = {pk: n for n, pk in enumerate(ids.tolist())}
        groups: dict[object, list[int]] = defaultdict(list)
        for n, row in enumerate(rows):
            groups[row[2]].append(n)
        columns: dict[tuple[str, int], int] = {}
        cells: list[tuple[int, int]] = []
        for name in TERM_WEIGHTS:
            through = PracticePage._meta.get_field(name).remote_field.through
            column = f"{PracticePage._meta.get_field(name).related_model._meta.model_name}_id"
            for page_id, term_id in through.objects.values_list("practicepage_id", column).iterator(chunk_size=20_000):
                if page_id in position:
                    cells.append((position[page_id], columns.setdefault((name, term_id), len(columns))))
        terms = np.zeros((len(rows), max(len(columns), 1)), dtype=np.float32)
        if cells:
            at = np.array(cells, dtype=np.int64)
            terms[at[:, 0], at[:, 1]] = 1
        weights = np.zeros(terms.shape[1], dtype=np.float32)
        for (name, _term), column in columns.items():
            weights[column] = TERM_WEIGHTS[name]
        collection = cls(
            ids=ids,
            position=position,
            locale={row[0]: row[1] for row in rows},
            translation_group={row[0]: groups[row[2]] for row in rows},
            terms=terms,
            weights=weights,
        )
        collection.distinctive = {
            row[0]: _distinctive_words(row[3] or "", row[4], row[5] or "")
            for row in rows
            if wanted is None or row[0] in wanted
        }
        needed = {word for words in collection.distinctive.values() for word in words}
        holders: dict[str, list[int]] = defaultdict(list)
        for n, row in enumerate(rows):
            for word in {w for w in _words(f"{row[3] or ''} {row[4]} {row[5] or ''}") if len(w) >= MIN_WORD}:
                if word in needed:
                    holders[word].append(n)
        collection.postings = {word: np.array(found, dtype=np.int64) for word, found in holders.items()}
        collection.rarity = {word: math.log(1 + len(rows) / len(found)) for word, found in holders.items()}
        return collection


def _candidates(locale_id: int, language: str) -> set[int]:
    """The practices shown in a language (the cluster's index of it, or the facet index)."""
    from search.engine import answered_by_cluster

    if answered_by_cluster():
        from search.cluster import shown_ids

        return shown_ids(language)
    index = facet_index()
    return set(index.ordered(index.candidates(locale_id), "title"))


def compute_many(page_ids: Iterable[int], progress: Progress | None = None) -> dict[int, list[tuple[int, float]]]:
    """Up to ``SIMILAR_COUNT`` (id, score) pairs per live practice of ``page_ids``, best first."""
    wanted = set(page_ids)
    collection = _Collection.load(wanted)
    todo = [pk for pk in collection.ids.tolist() if pk in wanted]
    hidden: dict[int, np.ndarray] = {}  # locale id -> positions of the practices that language does not show
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    results: dict[int, list[tuple[int, float]]] = {pk: [] for pk in wanted}
    for start in range(0, len(todo), BLOCK):
        block = todo[start : start + BLOCK]
        rows = [collection.position[pk] for pk in block]
        # block × practices: the weighted count of the terms each of the block shares with each practice
        shared = (collection.terms[rows] * collection.weights) @ collection.terms.T
        for row, pk in enumerate(block):
            locale_id = collection.locale[pk]
            if locale_id not in hidden:
                allowed = _candidates(locale_id, languages[locale_id])
                shown = np.isin(collection.ids, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
                hidden[locale_id] = np.flatnonzero(~shown)
            results[pk] = _neighbours(collection, pk, shared[row], hidden[locale_id])
        if progress:
            progress(min(start + BLOCK, len(todo)), len(todo))
    return results


def _neighbours(collection: _Collection, pk: int, terms: np.ndarray, hidden: np.ndarray) -> list[tuple[int, float]]:
    """The best ``SIMILAR_COUNT`` of one practice, from its term scores against every practice (``terms``).

    A practice that is neither among the text hits nor among the four best by term score cannot be among
    the best: those four score at least as much and come first on a tie.
    """
    excluded = np.concatenate([hidden, np.asarray(collection.translation_group[pk], dtype=np.int64)])
    terms[excluded] = 0
    text_hits = _text_hits(collection, pk, excluded, len(terms))
    candidates = np.union1d(_best_by_terms(terms), text_hits)
    scores = terms[candidates].astype(np.float64)
    for rank, hit in enumerate(text_hits.tolist()):
        scores[np.searchsorted(candidates, hit)] += TEXT_WEIGHT * (1 - rank / TEXT_HITS)
    best = _best(scores, SIMILAR_COUNT)
    return [(int(collection.ids[candidates[n]]), float(scores[n])) for n in best]


def _best_by_terms(terms: np.ndarray) -> np.ndarray:
    """The ``SIMILAR_COUNT`` best positions by term score, ties in position order. Term scores are sums of a
    few weights, so thousands tie: a pass for each of the (at most four) best values finds their first
    positions, cheaper than ordering the collection."""
    chosen: list[np.ndarray] = []
    needed = SIMILAR_COUNT
    below = np.inf
    while needed > 0:
        value = terms.max(initial=0, where=terms < below)
        if value <= 0:
            break
        first = np.flatnonzero(terms == value)[:needed]
        chosen.append(first)
        needed -= len(first)
        below = value
    return np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)


def _text_hits(collection: _Collection, pk: int, excluded: np.ndarray, size: int) -> np.ndarray:
    """Positions of the ``TEXT_HITS`` practices sharing the rarest weight of the practice's distinctive words,
    best first, ties in position (id) order."""
    words = [word for word in collection.distinctive.get(pk, []) if word in collection.postings]
    if not words:
        return np.zeros(0, dtype=np.int64)
    relevance = np.zeros(size, dtype=np.float64)
    for word in words:
        relevance[collection.postings[word]] += collection.rarity[word]
    relevance[excluded] = 0
    return _best(relevance, TEXT_HITS)


def _best(values: np.ndarray, count: int) -> np.ndarray:
    """Positions of the ``count`` highest positive values, highest first, ties in position (id) order."""
    positive = np.flatnonzero(values > 0)
    if len(positive) > count:
        threshold = np.partition(values[positive], len(positive) - count)[len(positive) - count]
        positive = positive[values[positive] >= threshold]
    return positive[np.argsort(-values[positive], kind="stable")][:count]


def compute_similar(page: PracticePage) -> list[tuple[int, float]]:
    """Up to ``SIMILAR_COUNT`` (id, score) pairs of live practices in the page's language, best first."""
    return compute_many([page.pk])[page.pk]


def _store(results: dict[int, list[tuple[int, float]]]) -> None:
    with transaction.atomic():
        SimilarPractice.objects.filter(page_id__in=list(results)).delete()
        SimilarPractice.objects.bulk_create(
            (
                SimilarPractice(page_id=pk, similar_id=similar, score=score, position=position)
                for pk, pairs in results.items()
                for position, (similar, score) in enumerate(pairs)
            ),
            batch_size=2000,
        )
    cache.set_many({COMPUTED_MARK.format(pk): True for pk in results}, timeout=None)


def store_similar(page: PracticePage) -> list[int]:
    results = compute_many([page.pk])
    _store(results)
    return [pk for pk, _ in results[page.pk]]


def similar_practices(page: PracticePage) -> QuerySet:
    """The stored similar practices that are still live and public (computed once if never computed)."""
    if not cache.get(COMPUTED_MARK.format(page.pk)) and not SimilarPractice.objects.filter(page=page).exists():
        store_similar(page)
    return (
        public(PracticePage.objects.live())
        .filter(similarpractice_links__page=page)
        .order_by("similarpractice_links__position")
        .prefetch_related("places")
    )


def refresh_after_publish(page: PracticePage) -> None:
    """The published practice's neighbours, and theirs (the new practice may now belong there)."""
    neighbours = store_similar(page)
    if neighbours:
        _store(compute_many(neighbours))


def refresh_all(pages: QuerySet | None = None, progress: Progress | None = None) -> int:
    """Similar practices of every live practice (or of ``pages``) in one pass and one write per 2,000 rows."""
    pages = pages if pages is not None else PracticePage.objects.live().filter(alias_of__isnull=True)
    ids = list(pages.order_by("pk").values_list("pk", flat=True))
    results = compute_many(ids, progress)
    _store(results)
    return len(results)
