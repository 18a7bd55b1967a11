"""Faceted practice search: parameters in, one page of results with disjunctive facet counts out.

Shared by the search page (the practice index) and the JSON API, so both answer the same way.

1. The candidates are the live, public practices of the active locale (no aliases), plus practices not
   yet translated into it, shown in the language they exist in (the default language first).
2. With a query, the search backend returns ranked ids (``search.ranking``); only those stay.
3. Each facet is counted with the selections of every *other* facet (values OR within a facet, facets
   AND together), so each count says what a click on that value would give. Filtering and counting
   use the bit sets of ``search.facet_index``, so every search backend gives the same answers.
4. Results are ordered by rank (or the chosen sort) and one page is loaded for the cards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from practices.models import PracticePage, Theme
from search.facet_index import FacetIndex, facet_index
from search.facets import FACETS, term_labels
from search.geo import DEFAULT_NEAR_KM, NEAR_KM, Near, geo_index, parse_near
from search.highlight import highlight
from search.locales import active_locale, remembered_locales
from search.ranking import query_terms, ranked_ids

SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "start_year": _("Start year"),
    "title": _("Title"),
}
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_LENGTH = 10_000
MAX_VALUES_PER_FACET = 50
FACET_LIMIT = 100  # values listed per facet (the most frequent; selected values always)


class ParameterError(ValueError):
    """A request parameter the API answers with 400; ``parameter`` names it."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter, self.message = parameter, message


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


def _single(data: QueryDict, name: str, strict: bool) -> str:
    values = [v for v in data.getlist(name) if v.strip()]
    if not values:
        return ""
    if strict and len(set(values)) > 1:
        raise ParameterError(name, f"'{name}' was given more than once with different values.")
    return values[-1].strip()


def _positive_int(data: QueryDict, name: str, default: int, strict: bool, maximum: int | None = None) -> int:
    raw = _single(data, name, strict)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        if strict:
            raise ParameterError(name, f"'{name}' must be a whole number.") from None
        return default
    if value < 1 or (maximum is not None and value > maximum):
        if strict:
            limit = f" between 1 and {maximum}" if maximum else " of at least 1"
            raise ParameterError(name, f"'{name}' must be a whole number{limit}.")
        return min(max(value, 1), maximum) if maximum else max(value, 1)
    return value


def _near(data: QueryDict, strict: bool) -> Near | None:
    raw = _single(data, "near", strict)[:200]
    if not raw:
        return None
    raw_km = _single(data, "within", strict)
    try:
        km = int(raw_km) if raw_km else DEFAULT_NEAR_KM
    except ValueError:
        km = -1
    if km not in NEAR_KM:
        if strict:
            raise ParameterError("within", f"'within' must be one of: {', '.join(map(str, NEAR_KM))} (km).")
        km = DEFAULT_NEAR_KM
    near = parse_near(raw, km)
    if near is None and strict:
        raise ParameterError("near", "'near' must be 'latitude,longitude' or the name of a known place.")
    return near


def parse_params(data: QueryDict, *, strict: bool) -> SearchParams:
    """Read and validate request parameters. ``strict`` (the API) raises ParameterError; the page falls back."""
    q = _single(data, "q", strict)
    if len(q) > MAX_QUERY_LENGTH:
        if strict:
            raise ParameterError("q", f"'q' is longer than {MAX_QUERY_LENGTH} characters.")
        q = q[:MAX_QUERY_LENGTH]
    sort = _single(data, "sort", strict)
    if sort not in SORTS:
        if strict and sort:
            raise ParameterError("sort", f"'sort' must be one of: {', '.join(SORTS)}.")
        sort = ""
    params = SearchParams(
        q=q,
        sort=sort,
        page=_positive_int(data, "page", 1, strict),
        page_size=_positive_int(data, "page_size", DEFAULT_PAGE_SIZE, strict, MAX_PAGE_SIZE),
        near=_near(data, strict),
    )
    raw_near = _single(data, "near", strict)
    if raw_near and params.near is None:
        params.ignored["near"] = [raw_near[:200]]
    for name, facet in FACETS.items():
        values = list(dict.fromkeys(v.strip() for v in data.getlist(name) if v.strip()))
        if not values:
            continue
        known, unknown = facet.clean(values[:MAX_VALUES_PER_FACET])
        unknown += values[MAX_VALUES_PER_FACET:]
        if known:
            params.filters[name] = list(dict.fromkeys(known))
        if unknown:
            params.ignored[name] = unknown
    return params


def _facet_results(index: FacetIndex, base: int, selections: dict[str, int], params: SearchParams) -> list[FacetResult]:
    facets = []
    for name, facet in FACETS.items():
        pages = base
        for other, bits in selections.items():
            if other != name:
                pages &= bits
        counts = {}
        for value, bits in index.postings[name].items():
            count = (bits & pages).bit_count()
            if count:
                counts[value] = count
        selected = params.filters.get(name, [])
        for value in selected:
            counts.setdefault(value, 0)
        if facet.ordered_by_value:
            shown = sorted(counts, key=facet.value_order)
        else:
            shown = sorted(counts, key=lambda value: (-counts[value], value))
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
    """Give each practice's themes their label in the active language, for the card, in one query.

    ``theme.localized`` costs two queries per theme on a card; the labels are looked up together instead
    and the practices (never saved) carry them as their in-memory theme list.
    """
    themes = {theme.pk: theme for practice in practices for theme in practice.themes.all()}
    labels = term_labels(Theme, themes.values())
    for practice in practices:
        terms = [TermLabel(theme.pk, theme.slug, labels[theme.pk]) for theme in practice.themes.all()]
        practice._cluster_related_objects = {**getattr(practice, "_cluster_related_objects", {}), "themes": terms}


# Stream fields are parsed on load; cards and highlights never read these.
CARD_UNUSED_FIELDS = ("voices", "outcomes", "resources", "transfer_conditions")


def load_practices(ids: list[int]) -> list[PracticePage]:
    pages = (
        PracticePage.objects.filter(pk__in=ids)
        .defer(*CARD_UNUSED_FIELDS)
        .select_related("locale")
        .prefetch_related("places", Prefetch("themes", queryset=Theme.objects.order_by("name")))
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
    if params.q and selections:
        pages = candidates
        for bits in selections.values():
            pages &= bits
        if pages.bit_count():
            suggestions.append({"facet": "q", "value": params.q, "label": params.q, "count": pages.bit_count()})
    return sorted(suggestions, key=lambda item: -item["count"])[:5]


def _start(params: SearchParams, count: int, clamp_page: bool) -> int:
    if clamp_page:
        params.page = min(params.page, max(1, math.ceil(count / params.page_size)))
    return (params.page - 1) * params.page_size


def matching_bits(params: SearchParams, locale: Locale | None = None) -> tuple[FacetIndex, int]:
    """The facet index and the bit set of the practices matching ``params`` (no facets, no page): for maps."""
    with remembered_locales():
        index = facet_index()
        bits = index.candidates((locale or active_locale()).pk)
        if query_terms(params.q):
            bits &= index.bits_of(ranked_ids(params.q, PracticePage.objects.live()))
        if params.near is not None:
            bits &= index.bits_of_positions(geo_index(index).near(*params.near.point))
        for name, values in params.filters.items():
            bits &= index.selection(name, values)
        return index, bits


def run_search(params: SearchParams, locale: Locale | None = None, *, clamp_page: bool = False) -> SearchOutcome:
    """Run a search. ``clamp_page`` (the page) shows the last page for a page number past the end."""
    with remembered_locales():
        return _run_search(params, locale or active_locale(), clamp_page)


def _run_search(params: SearchParams, locale: Locale, clamp_page: bool) -> SearchOutcome:
    index = facet_index()
    candidates = index.candidates(locale.pk)
    base = candidates
    terms = query_terms(params.q)
    ranked: list[int] | None = None
    if terms:
        ranked = ranked_ids(params.q, PracticePage.objects.live())
        base &= index.bits_of(ranked)
    if params.near is not None:
        base &= index.bits_of_positions(geo_index(index).near(*params.near.point))
    selections = {name: index.selection(name, values) for name, values in params.filters.items()}
    facets = _facet_results(index, base, selections, params)
    matching = base
    for bits in selections.values():
        matching &= bits
    count = matching.bit_count()
    sort = params.effective_sort
    start = _start(params, count, clamp_page)
    if ranked is not None and sort == "relevance":
        ordered = index.filter_ids(ranked, matching)
    else:
        ordered = index.ordered(matching, "newest" if sort == "relevance" else sort)
    practices = load_practices(ordered[start : start + params.page_size])
    for practice in practices:
        practice.search_highlight = highlight(practice, terms) if terms else ""
    outcome = SearchOutcome(
        params=params,
        count=count,
        page=params.page,
        pages=max(1, math.ceil(count / params.page_size)),
        results=practices,
        facets=facets,
    )
    if count == 0 and params.is_filtered:
        outcome.suggestions = _suggestions(index, candidates, base, selections, params)
    return outcome
