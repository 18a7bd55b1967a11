"""Faceted practice search: parameters in, one page of results with disjunctive facet counts out.

Shared by the search page (the practice index) and the JSON API, so both answer the same way.

1. The candidates are the live, public practices of the active locale (no aliases), plus practices not
   yet translated into it, shown in the language they exist in (the default language first).
2. With a query, the search backend returns ranked ids (``search.ranking``); only those stay. Practices
   with every word come first; when they are few, practices with most of the words follow
   (``partial``), and a word that matches nothing gets a spelling suggestion (``did_you_mean``).
3. Each facet is counted with the selections of every *other* facet (values OR within a facet, facets
   AND together), so each count says what a click on that value would give. Filtering and counting
   use the bit sets of ``search.facet_index``, so every search backend gives the same answers.
4. Results are ordered by rank (or the chosen sort) and one page is loaded for the cards.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.http import QueryDict
from wagtail.models import Locale

from practices.locales import active_locale
from practices.memo import memo
from practices.models import PracticePage, Theme
from practices.params import ParameterError  # noqa: F401 (raised by parse_params; callers import it from here)
from search.analysis import Query
from search.facet_index import FacetIndex, facet_index
from search.facets import FACETS
from search.geo import DEFAULT_NEAR_KM, Near, geo_index, parse_near
from search.highlight import mark_results
from search.params import DEFAULT_PAGE_SIZE, read_search_query
from search.ranking import FEW, Ranking, analysed, query_terms, rank
from search.suggest import corrected_query

MAX_VALUES_PER_FACET = 50
FACET_LIMIT = 100  # values listed per facet (the most frequent; selected values always)


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    ignored: dict[str, list[str]] = field(default_factory=dict)
    near: Near | None = None

    @property
    def effective_sort(self) -> str:
        if self.sort and (self.sort != "relevance" or self.q):
            return self.sort
        return "relevance" if query_terms(self.q) else "newest"

    @property
    def is_filtered(self) -> bool:
        return bool(self.q.strip() or self.filters or self.near)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    name: str
    label: str
    values: list[FacetValue]
    selected: list[FacetValue]


@dataclass
class SearchOutcome:
    params: SearchParams
    count: int
    page: int
    pages: int
    results: list[PracticePage]
    facets: list[FacetResult]
    suggestions: list[dict] = field(default_factory=list)
    partial: bool = False  # some results have most, not all, of the words
    complete_count: int = 0  # results with every word
    did_you_mean: dict | None = None  # {"q": corrected query, "count": results it gives}
    next_after: list | None = None  # a cluster's search_after of the following page (search.cluster)


def parse_params(data: QueryDict, *, strict: bool) -> SearchParams:
    """Read and validate request parameters. ``strict`` (the API) raises ParameterError; the page falls back."""
    return search_params(read_search_query(data, strict=strict))


def search_params(query: Any) -> SearchParams:
    """SearchParams of a validated ``SearchQuery``: facet values no public practice has are set aside as ignored.

    Known values are those of the facet index, which holds live, public practices only, so a value that
    only a draft or a private practice has (an organisation id, a region) is answered like one that does
    not exist.
    """
    params = SearchParams(q=query.q, sort=query.sort or "", page=query.page, page_size=query.page_size)
    cluster = answered_by_cluster()
    if query.near:
        params.near = parse_near(query.near, query.within or DEFAULT_NEAR_KM)
        if params.near is None:  # a place the gazetteer does not know: ignored and said, like a facet value
            params.ignored["near"] = [query.near]
    index = None
    for name, facet in FACETS.items():
        requested = getattr(query, name)
        if not requested:
            continue
        if cluster:  # the cluster says which values exist, in the search's own request (search.cluster)
            params.filters[name] = list(dict.fromkeys(facet.normalise(v) for v in requested[:MAX_VALUES_PER_FACET]))
            if requested[MAX_VALUES_PER_FACET:]:
                params.ignored[name] = requested[MAX_VALUES_PER_FACET:]
            continue
        index = index or facet_index()
        postings = index.postings.get(name, {})
        known, unknown = [], []
        for value in requested[:MAX_VALUES_PER_FACET]:
            normalised = facet.normalise(value)
            if normalised in postings:
                known.append(normalised)
            else:
                unknown.append(value)
        unknown += requested[MAX_VALUES_PER_FACET:]
        if known:
            params.filters[name] = list(dict.fromkeys(known))
        if unknown:
            params.ignored[name] = unknown
    return params


def _facet_results(
    index: FacetIndex, base: int, selections: dict[str, int], params: SearchParams, shown_base: int | None = None
) -> list[FacetResult]:
    """Facet values with the count a click would give. ``shown_base`` (an empty result): the values of
    these practices stay listed, with the count of 0 that is true for the search as it stands."""
    facets = []
    for name, facet in FACETS.items():
        pages = base if shown_base is None else shown_base
        for other, bits in selections.items():
            if other != name:
                pages &= bits
        counts = {}
        for value, bits in index.postings[name].items():
            count = (bits & pages).bit_count()
            if count:
                counts[value] = count if shown_base is None else 0
        selected = params.filters.get(name, [])
        for value in selected:
            counts.setdefault(value, 0)
        if facet.ordered_by_value:
            shown = sorted(counts, key=facet.value_order)
        else:
            shown = sorted(counts, key=lambda value: (-counts[value], value))
        if shown_base is not None:
            shown = sorted(counts, key=facet.value_order) if facet.ordered_by_value else sorted(counts)
        shown = shown[:FACET_LIMIT] + [value for value in selected if value not in shown[:FACET_LIMIT]]
        labels = index.labels(name, shown)
        values = [FacetValue(v, labels.get(v, v), counts[v], v in selected) for v in shown]
        if not facet.ordered_by_value:
            values.sort(key=lambda item: (-item.count, item.label.casefold()))
        facets.append(FacetResult(name, str(facet.label), values, [item for item in values if item.selected]))
    return facets


@dataclass
class TermLabel:
    """A vocabulary term as a card shows it: ``term.localized.name`` is the label in the active language."""

    pk: int
    slug: str
    name: str

    @property
    def localized(self) -> TermLabel:
        return self


def localise_themes(practices: list[PracticePage]) -> None:
    """Give each practice its themes, labelled in the active language, for the card: two queries for the list.

    The practice–theme links and the themes' labels are read as values (no Theme objects, no
    ``theme.localized`` queries per theme), and the practices (never saved) carry them as their
    in-memory theme list, sorted by the default-language name.
    """
    links = (
        PracticePage.themes.through.objects.filter(practicepage_id__in=[practice.pk for practice in practices])
        .order_by("theme__name", "theme_id")
        .values_list(
            "practicepage_id", "theme_id", "theme__slug", "theme__name", "theme__translation_key", "theme__locale_id"
        )
    )
    themes_of: dict[int, list[TermLabel]] = {practice.pk: [] for practice in practices}
    keys: dict = {}
    active = active_locale()
    for page_id, pk, slug, name, key, locale_id in links:
        label = TermLabel(pk, slug, name)
        themes_of[page_id].append(label)
        if locale_id != active.pk:
            keys.setdefault(key, []).append(label)
    if keys:
        for key, name in Theme.objects.filter(translation_key__in=keys, locale=active).values_list(
            "translation_key", "name"
        ):
            for label in keys[key]:
                label.name = name
    for practice in practices:
        related = getattr(practice, "_cluster_related_objects", {})
        practice._cluster_related_objects = {**related, "themes": themes_of[practice.pk]}


# Stream fields are parsed on load; cards and highlights never read these.
CARD_UNUSED_FIELDS = ("voices", "outcomes", "resources", "transfer_conditions")


def load_practices(ids: list[int]) -> list[PracticePage]:
    pages = (
        PracticePage.objects.filter(pk__in=ids)
        .defer(*CARD_UNUSED_FIELDS)
        .select_related("locale")
        .prefetch_related("places")
    )
    by_id = {page.pk: page for page in pages}
    practices = [by_id[pk] for pk in ids if pk in by_id]
    localise_themes(practices)
    return practices


def _suggestions(
    index: FacetIndex, candidates: int, base: int, selections: dict[str, int], params: SearchParams
) -> list[dict]:
    """With no results: which single filter (or the query) to drop, and how many results that gives."""
    suggestions = []
    for name, values in params.filters.items():
        for value in values:
            pages = base
            for other, other_values in params.filters.items():
                kept = [v for v in other_values if (other, v) != (name, value)]
                if kept:
                    pages &= index.selection(other, kept)
            count = pages.bit_count()
            if count:
                label = FACETS[name].labels([value]).get(value, value)
                suggestions.append({"facet": name, "value": value, "label": label, "count": count})
    if params.q.strip():
        pages = candidates
        for bits in selections.values():
            pages &= bits
        if pages.bit_count():
            suggestions.append({"facet": "q", "value": params.q, "label": params.q, "count": pages.bit_count()})
    return sorted(suggestions, key=lambda item: -item["count"])[:5]


def _did_you_mean(query: Query, ranking: Ranking, index: FacetIndex, shown: int, count: int) -> dict | None:
    """A corrected query for words that match nothing, when it gives more results than the query as typed."""
    from search.backends import get_backend

    hits = ranking.clause_hits if ranking.clause_hits is not None else get_backend().clause_ids(query)
    corrected = corrected_query(query, hits)
    if not corrected:
        return None
    better = rank(analysed(corrected, query.language), lambda ids: (shown & index.bits_of(ids)).bit_count())
    found = (shown & index.bits_of(better.members())).bit_count()
    return {"q": corrected, "count": found} if found > count else None


def own_language_first(ordered: Iterable[int], locale_of: dict[int, int], locale_id: int, stop: int) -> list[int]:
    """The first ``stop`` ids of ``ordered`` with the practices of ``locale_id`` before the others (each in
    its order); the scan ends as soon as the page is known."""
    own: list[int] = []
    others: list[int] = []
    if stop <= 0:
        return own
    for pk in ordered:
        if locale_of.get(pk) == locale_id:
            own.append(pk)
            if len(own) >= stop:
                return own
        elif len(others) < stop:
            others.append(pk)
    return (own + others)[:stop]


def _start(params: SearchParams, count: int, clamp_page: bool) -> int:
    if clamp_page:
        params.page = min(params.page, max(1, math.ceil(count / params.page_size)))
    return (params.page - 1) * params.page_size


def _near_bits(index: FacetIndex, params: SearchParams) -> int:
    """The practices within the near filter's radius (every practice without one)."""
    if params.near is None:
        return -1  # all bits set: ``bits & -1 == bits``
    return geo_index(index).near_bits(*params.near.point)


def matching_bits(params: SearchParams, locale: Locale | None = None) -> tuple[FacetIndex, int]:
    """The facet index and the bit set of the practices matching ``params`` (no facets, no page): for maps."""
    with memo():
        locale = locale or active_locale()
        index = facet_index()
        bits = index.candidates(locale.pk) & _near_bits(index, params)
        for name, values in params.filters.items():
            bits &= index.selection(name, values)
        query = analysed(params.q, locale.language_code)
        if query:  # the same practices as the search page
            selected = bits
            bits &= index.bits_of(rank(query, lambda ids: (selected & index.bits_of(ids)).bit_count()).members())
        return index, bits


def answered_by_cluster() -> bool:
    """Whether the configured backend answers whole searches (a cluster): then no facet index is built."""
    from search.backends import get_backend

    return bool(getattr(get_backend(), "answers_searches", False))


def grid_clusters(
    params: SearchParams, zoom: int, box: tuple[float, float, float, float], locale: Locale | None = None
) -> tuple[int, list]:
    """The matching practices' count and their grid clusters within ``box`` (south, west, north, east)."""
    with memo():
        locale = locale or active_locale()
        if answered_by_cluster():
            from search import cluster

            return cluster.map_clusters(params, locale, zoom, box)
        index, bits = matching_bits(params, locale)
        return bits.bit_count(), geo_index(index).clusters(bits, zoom, *box)


def run_search(params: SearchParams, locale: Locale | None = None, *, clamp_page: bool = False) -> SearchOutcome:
    """Run a search. ``clamp_page`` (the page) shows the last page for a page number past the end."""
    with memo():
        if answered_by_cluster():
            from search import cluster

            return cluster.run_search(params, locale or active_locale(), clamp_page)
        return _run_search(params, locale or active_locale(), clamp_page)


def _run_search(params: SearchParams, locale: Locale, clamp_page: bool) -> SearchOutcome:
    index = facet_index()
    candidates = index.candidates(locale.pk)
    base = candidates & _near_bits(index, params)
    query = analysed(params.q, locale.language_code)
    selections = {name: index.selection(name, values) for name, values in params.filters.items()}
    selected = base
    for bits in selections.values():
        selected &= bits
    ranking: Ranking | None = None
    matched_bits = 0
    if query:

        def shown(ids: list[int]) -> int:
            nonlocal matched_bits
            matched_bits = index.bits_of(ids)
            return (selected & matched_bits).bit_count()

        ranking = rank(query, shown)
        base &= index.bits_of(ranking.members()) if ranking.extra else matched_bits
    matching = base
    for bits in selections.values():
        matching &= bits
    count = matching.bit_count()
    facets = _facet_results(index, base, selections, params, shown_base=candidates if count == 0 else None)
    sort = params.effective_sort
    start = _start(params, count, clamp_page)
    ordered: Iterable[int]
    if ranking is not None and sort == "relevance":
        ordered = index.filter_tiers(ranking.tiers(), matching)  # ranks only the tiers the page reaches
    else:
        ordered = index.ordered(matching, "newest" if sort == "relevance" else sort)
    stop = start + params.page_size
    if params.sort:
        ordered = list(islice(ordered, stop))
    else:
        # Unless the reader chose an order, practices in the reader's language come before those shown
        # in another language (not yet translated), each group in its own order.
        ordered = own_language_first(ordered, index.locale_of, locale.pk, stop)
    practices = load_practices(ordered[start:stop])
    mark_results(practices, query)
    outcome = SearchOutcome(
        params=params,
        count=count,
        page=params.page,
        pages=max(1, math.ceil(count / params.page_size)),
        results=practices,
        facets=facets,
    )
    if ranking is not None:
        outcome.complete_count = (matching & matched_bits).bit_count()
        outcome.partial = ranking.partial and outcome.complete_count < count
        if outcome.complete_count < FEW:
            outcome.did_you_mean = _did_you_mean(query, ranking, index, selected, outcome.complete_count)
    if count == 0 and params.is_filtered:
        outcome.suggestions = _suggestions(index, candidates, base, selections, params)
    return outcome


def matching_ids(params: SearchParams, locale: Locale | None = None, *, limit: int | None = None) -> list[int]:
    """Every matching practice id in result order (no facets, no page): for exports, feeds and digests."""
    with memo():
        locale = locale or active_locale()
        if answered_by_cluster():
            from search import cluster

            return cluster.matching_ids(params, locale, limit)
        index = facet_index()
        matching = index.candidates(locale.pk) & _near_bits(index, params)
        for name, values in params.filters.items():
            matching &= index.selection(name, values)
        ranking: Ranking | None = None
        query = analysed(params.q, locale.language_code)
        if query:  # the same practices, in the same order, as the search page
            selected = matching
            ranking = rank(query, lambda ids: (selected & index.bits_of(ids)).bit_count())
            matching &= index.bits_of(ranking.members())
        sort = params.effective_sort
        if ranking is not None and sort == "relevance":
            return list(islice(index.filter_tiers(ranking.tiers(), matching), limit))
        ordered = index.ordered(matching, "newest" if sort == "relevance" else sort)
        return ordered if limit is None else ordered[:limit]
