"""The search page: the practice index's template context (plain GET form, shareable URLs)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from practices.locales import active_locale
from search.engine import SearchParams, parse_params, run_search
from search.facets import FACETS
from search.geo import DEFAULT_NEAR_KM, NEAR_KM
from search.params import SORTS

FACET_VALUES_SHOWN = 8  # more values sit in a <details> under each facet


@lru_cache(maxsize=8192)
def _element_id(facet: str, value: str) -> str:
    return f"f-{facet}-{slugify(value)}"


def query_string(params: SearchParams, *, drop: tuple[str, str] | None = None, **changes) -> str:
    """The URL query of ``params`` without page, optionally without one value (``drop=(facet, value)``)."""
    pairs: list[tuple[str, str]] = []
    q = changes.get("q", params.q)
    if q:
        pairs.append(("q", q))
    for name, values in params.filters.items():
        pairs += [(name, value) for value in values if drop != (name, value)]
    near = changes.get("near", params.near)
    if near:
        pairs += [("near", near.value), ("within", str(near.km))]
    sort = changes.get("sort", params.sort)
    if sort:
        pairs.append(("sort", sort))
    return urlencode(pairs)


def _url(index_url: str, query: str) -> str:
    return f"{index_url}?{query}" if query else index_url


def search_context(request: HttpRequest, index_url: str, page_size: int) -> dict:
    params = parse_params(request.GET, strict=False)
    params.page_size = page_size
    outcome = run_search(params, clamp_page=True)
    active = active_locale()
    names = settings.PRAXIS_LANGUAGE_NAMES
    for practice in outcome.results:
        other = practice.locale_id != active.pk
        practice.search_language = practice.locale.language_code if other else ""
        practice.search_language_name = str(names.get(practice.locale.language_code, "")) if other else ""

    chips = []
    if params.q:
        chips.append({"facet": _("Search"), "label": params.q, "url": _url(index_url, query_string(params, q=""))})
    if params.near:
        label = _("within %(km)s km of %(place)s") % {"km": params.near.km, "place": params.near.label}
        chips.append({"facet": _("Near"), "label": label, "url": _url(index_url, query_string(params, near=None))})
    for facet in outcome.facets:
        for item in facet.selected:
            url = _url(index_url, query_string(params, drop=(facet.name, item.value)))
            chips.append({"facet": facet.label, "label": item.label, "url": url})
    for suggestion in outcome.suggestions:
        if suggestion["facet"] == "q":
            suggestion["url"] = _url(index_url, query_string(params, q=""))
            suggestion["facet_label"] = _("Search")
        else:
            suggestion["url"] = _url(index_url, query_string(params, drop=(suggestion["facet"], suggestion["value"])))
            suggestion["facet_label"] = str(FACETS[suggestion["facet"]].label)

    did_you_mean_url = ""
    if outcome.did_you_mean:
        did_you_mean_url = _url(index_url, query_string(params, q=outcome.did_you_mean["q"]))

    # A Page of the right numbers for the shared pagination component (range() is never materialised).
    pagination = Paginator(range(outcome.count), params.page_size).get_page(outcome.page)
    current = query_string(params)
    for facet in outcome.facets:
        more = facet.values[FACET_VALUES_SHOWN:]
        facet.more_count, facet.more_selected = len(more), any(item.selected for item in more)
        for item in facet.values:  # built here: a template loop over hundreds of values is the slow part
            element_id = _element_id(facet.name, item.value)
            checked = " checked" if item.selected else ""
            value, label = conditional_escape(item.value), conditional_escape(item.label)
            # every part is escaped or ours; format_html was a tenth of the page's time
            item.html = mark_safe(  # noqa: S308
                f'<input type="checkbox" id="{element_id}" name="{facet.name}" value="{value}"{checked}>'
                f' <label for="{element_id}">{label} <span class="count">({item.count:d})</span></label>'
            )
    return {
        "search": outcome,
        "search_params": params,
        "search_sort": params.effective_sort,
        "search_sorts": [(value, label) for value, label in SORTS.items() if value != "relevance" or params.q],
        "search_chips": chips,
        "search_clear_url": index_url,
        "search_pagination": pagination,
        "facet_values_shown": FACET_VALUES_SHOWN,
        "search_query_prefix": f"{current}&" if current else "",
        "search_is_filtered": params.is_filtered or bool(request.GET),
        "search_ignored": params.ignored,
        "near_distances": NEAR_KM,
        "near_default_km": DEFAULT_NEAR_KM,
        "search_did_you_mean_url": did_you_mean_url,
    }
