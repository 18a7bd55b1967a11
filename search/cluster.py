"""The search when a cluster answers it (``search.backends.elasticsearch``): no facet index in the worker.

``search.engine`` hands its calls here when the configured backend ``answers_searches``. A search page is
one request to the cluster (hits, exact total, every facet's disjunctive counts, highlights, and whether
the selected values exist). Follow-up requests are made only where the database engine also does extra
work, and each is said where it is made:

- fewer than ``FEW`` practices with every word (and two or more words): the search again, with most of
  the words (``partial``);
- a page number past the last page (the page shows the last one): the last page;
- no results: one aggregation request for the helpers ("without filter X: N", "without the query: N")
  and the values to list with a count of 0;
- few results: the word counts for "Did you mean" and the count of the corrected query;
- a facet whose every selected value no practice has: the search again without it (it is ignored).

Documents. ``write_groups`` writes, for each translation group, the version each language shows;
``reindex`` builds new indexes and switches the aliases; ``sync`` follows ``practices.changes``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Iterator
from dataclasses import replace

from django.conf import settings
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from practices.changes import changes_between, current_version
from practices.models import ContentChange, PracticePage, PracticePlace
from search.analysis import Query
from search.backends import get_backend
from search.backends.elasticsearch import (
    FACET_SIZE,
    ClusterPage,
    ClusterSearch,
    ElasticsearchBackend,
    all_of,
    clause_query,
    index_body,
    near_filter,
    query_body,
    selection_filter,
    timestamp,
)
from search.facets import FACETS
from search.highlight import TEXT_FIELDS, mark_results
from search.ranking import FEW, analysed, most_words_needed

logger = logging.getLogger(__name__)
CHUNK = 200  # translation groups per batch of documents
_labels: dict = {}  # (content version, language) -> facet -> value -> label


def cluster_backend() -> ElasticsearchBackend:
    return get_backend()  # type: ignore[return-value]


# Searching -----------------------------------------------------------------------------------------


def _ask(params, language: str, query: Query, *, start: int = 0, size: int = 0) -> ClusterSearch:
    sort = params.effective_sort
    if sort == "relevance" and not query:
        sort = "newest"
    return ClusterSearch(
        language=language,
        query=query or None,
        filters={name: list(values) for name, values in params.filters.items()},
        near=params.near.point if params.near else None,
        sort=sort,
        own_first=not params.sort,  # the reader's language first unless an order was chosen
        start=start,
        size=size,
        facets=tuple(FACETS),
        check_known=bool(params.filters),
    )


def _apply_known(params, ask: ClusterSearch, page: ClusterPage) -> bool:
    """Move selected values no practice has to ``ignored``; True when a facet lost all its values."""
    if page.known is None:
        return False
    emptied = False
    for name in list(params.filters):
        known = [value for value in params.filters[name] if value in page.known.get(name, set())]
        unknown = [value for value in params.filters[name] if value not in known]
        if unknown:
            params.ignored[name] = unknown + params.ignored.get(name, [])
        if known:
            params.filters[name] = known
        else:
            del params.filters[name]
            emptied = True
    ask.filters = {name: list(values) for name, values in params.filters.items()}
    ask.check_known = False
    return emptied


def _search(params, language: str, query: Query, start: int, size: int) -> tuple[ClusterSearch, ClusterPage, int]:
    """The search's page; with few complete matches the search with most of the words (``partial``)."""
    backend = cluster_backend()
    ask = _ask(params, language, query, start=start, size=size)
    page = backend.search(ask)
    if _apply_known(params, ask, page):
        page = backend.search(ask)  # a facet of unknown values only is ignored, as the database engine does
    complete = page.total
    if query and len(query.clauses) >= 2 and complete < FEW:
        relaxed = replace(ask, minimum_clauses=most_words_needed(len(query.clauses), complete), after=None)
        wider = backend.search(relaxed)
        if wider.total > complete:
            return relaxed, wider, complete
    return ask, page, complete


def _labels_of(language: str, name: str, values: list[str]) -> dict[str, str]:
    """Facet labels in the active language, kept per content version (a renamed term raises it)."""
    key = (current_version(), language)
    if key not in _labels:
        _labels.clear()
        _labels[key] = {}
    known = _labels[key].setdefault(name, {})
    missing = [value for value in values if value not in known]
    if missing:
        known.update(FACETS[name].labels(missing))
    return {value: known.get(value, value) for value in values}


def _facet_results(language: str, counts: dict[str, dict[str, int]], params, *, empty: bool):
    from search.engine import FACET_LIMIT, FacetResult, FacetValue

    facets = []
    for name, facet in FACETS.items():
        found = {value: (0 if empty else count) for value, count in counts.get(name, {}).items() if count}
        selected = params.filters.get(name, [])
        for value in selected:
            found.setdefault(value, 0)
        if facet.ordered_by_value:
            shown = sorted(found, key=facet.value_order)
        elif empty:
            shown = sorted(found)
        else:
            shown = sorted(found, key=lambda value: (-found[value], value))
        shown = shown[:FACET_LIMIT] + [value for value in selected if value not in shown[:FACET_LIMIT]]
        labels = _labels_of(language, name, shown)
        values = [FacetValue(v, labels.get(v, v), found[v], v in selected) for v in shown]
        if not facet.ordered_by_value:
            values.sort(key=lambda item: (-item.count, item.label.casefold()))
        facets.append(FacetResult(name, str(facet.label), values, [item for item in values if item.selected]))
    return facets


def run_search(params, locale: Locale, clamp_page: bool):
    from search.engine import SearchOutcome, load_practices

    language = locale.language_code
    query = analysed(params.q, language)
    start = (params.page - 1) * params.page_size
    ask, page, complete = _search(params, language, query, start, params.page_size)
    count = page.total
    last = max(1, math.ceil(count / params.page_size))
    if clamp_page and params.page > last:
        params.page = last
        ask = replace(ask, start=(last - 1) * params.page_size, after=None)
        page = cluster_backend().search(ask)
    empty = count == 0
    counts = page.facets
    suggestions: list[dict] = []
    if empty and params.is_filtered:
        counts, suggestions = _empty_helpers(params, ask)
    practices = load_practices(page.ids)
    marked = {hit.page_id: hit.highlight for hit in page.hits}
    # The cluster's own passages (escaped: encoder html); the rest as the database engines mark them.
    mark_results([practice for practice in practices if not marked.get(practice.pk)], query)
    for practice in practices:
        if query and marked.get(practice.pk):
            practice.search_highlight = mark_safe(marked[practice.pk])  # noqa: S308 - escaped by the cluster
    outcome = SearchOutcome(
        params=params,
        count=count,
        page=params.page,
        pages=last,
        results=practices,
        facets=_facet_results(language, counts, params, empty=empty),
        suggestions=suggestions,
    )
    outcome.next_after = page.next_after
    if query:
        outcome.complete_count = min(complete, count)
        outcome.partial = ask.minimum_clauses is not None and complete < count
        if outcome.complete_count < FEW:
            outcome.did_you_mean = _did_you_mean(params, language, query, outcome.complete_count)
    return outcome


def _empty_helpers(params, ask: ClusterSearch) -> tuple[dict[str, dict[str, int]], list[dict]]:
    """No results: one request for the counts without each selected value, without the query, and the
    values the facets list (every value of the language's practices, with a count of 0)."""
    aggs: dict = {
        "listed": {
            "global": {},
            "aggs": {name: {"terms": {"field": name, "size": FACET_SIZE, "order": {"_key": "asc"}}} for name in FACETS},
        }
    }
    dropped = []
    for name, values in params.filters.items():
        for value in values:
            kept = []
            for other, other_values in params.filters.items():
                rest = [v for v in other_values if (other, v) != (name, value)]
                if rest:
                    kept.append(selection_filter(other, rest))
            aggs[f"without:{len(dropped)}"] = {"filter": all_of(kept)}
            dropped.append((name, value))
    if params.q.strip():
        selections = [selection_filter(name, values) for name, values in params.filters.items()]
        aggs["without_query"] = {"global": {}, "aggs": {"matching": {"filter": all_of(selections)}}}
    found = cluster_backend().aggregate(ask.language, ask.scope(), aggs)
    counts = {
        name: {str(b["key"]): 1 for b in agg["buckets"]} for name, agg in found["listed"].items() if name in FACETS
    }
    suggestions = []
    for number, (name, value) in enumerate(dropped):
        total = found[f"without:{number}"]["doc_count"]
        if total:
            label = FACETS[name].labels([value]).get(value, value)
            suggestions.append({"facet": name, "value": value, "label": label, "count": total})
    if "without_query" in found and found["without_query"]["matching"]["doc_count"]:
        total = found["without_query"]["matching"]["doc_count"]
        suggestions.append({"facet": "q", "value": params.q, "label": params.q, "count": total})
    return counts, sorted(suggestions, key=lambda item: -item["count"])[:5]


def _did_you_mean(params, language: str, query: Query, complete: int) -> dict | None:
    """Words that match no practice of the index get their closest known word (``search.suggest``); the
    corrected query is counted like a search (with most of the words when few have them all)."""
    from search.suggest import corrected_query

    backend = cluster_backend()
    aggs = {f"clause:{n}": {"filter": clause_query(clause)} for n, clause in enumerate(query.clauses)}
    found = backend.aggregate(language, {"match_all": {}}, aggs)
    # corrected_query only asks whether a word matched anything: a count stands for the set of practices.
    hits = [found[f"clause:{n}"]["doc_count"] for n in range(len(query.clauses))]
    corrected = corrected_query(query, hits)  # type: ignore[arg-type]
    if not corrected:
        return None
    better = analysed(corrected, language)
    if not better:
        return None
    filters = [near_filter(params.near.point)] if params.near else []
    filters += [selection_filter(name, values) for name, values in params.filters.items()]
    total = backend.count(language, {"bool": {"must": [query_body(better)], "filter": filters}})
    if total < FEW and len(better.clauses) >= 2:
        minimum = most_words_needed(len(better.clauses), total)
        wider = {"bool": {"must": [query_body(better, minimum=minimum)], "filter": filters}}
        total = max(total, backend.count(language, wider))
    return {"q": corrected, "count": total} if total > complete else None


def _resolved(params, language: str) -> ClusterSearch:
    """The search as exports and maps need it: unknown values set aside, partial matches decided (one
    ``size: 0`` request, a second one when few practices have every word)."""
    query = analysed(params.q, language)
    ask, _page, _complete = _search(params, language, query, 0, 0)
    return ask


def matching_ids(params, locale: Locale, limit: int | None) -> list[int]:
    ask = _resolved(params, locale.language_code)
    return list(cluster_backend().page_ids(ask, limit))


def map_clusters(params, locale: Locale, zoom: int, box: tuple[float, float, float, float]):
    """Grid clusters of the search's places from a ``geotile_grid`` aggregation (tiles of ``search.geo``)."""
    from search.geo import CELL_PIXELS, LEVELS, Cluster, _cell_bounds, _mercator

    south, west, north, east = box
    ask = _resolved(params, locale.language_code)
    level = min(LEVELS, zoom + int(math.log2(256 // CELL_PIXELS)))
    selections = [selection_filter(name, values) for name, values in ask.filters.items()]
    scope = {"bool": {"must": [ask.scope()], "filter": selections}}
    viewport = {
        "geo_bounding_box": {
            "locations": {"top_left": {"lat": north, "lon": west}, "bottom_right": {"lat": south, "lon": east}}
        }
    }
    aggs = {
        "view": {
            "filter": viewport,
            "aggs": {
                "cells": {
                    "geotile_grid": {"field": "locations", "precision": level, "size": 10_000},
                    "aggs": {
                        "centre": {"geo_centroid": {"field": "locations"}},
                        "practice": {"top_hits": {"size": 1, "_source": ["page_id"]}},
                    },
                }
            },
        }
    }
    body = {"query": scope, "size": 0, "track_total_hits": True, "aggs": aggs}
    response = cluster_backend().client.search(cluster_backend().alias(ask.language), body)
    cells = 1 << level
    x0, y1 = _mercator(south, west)
    x1, y0 = _mercator(north, east)
    clusters = []
    for bucket in response["aggregations"]["view"]["cells"]["buckets"]:
        _z, x, y = (int(part) for part in bucket["key"].split("/"))
        if not (int(x0 * cells) <= x <= int(x1 * cells) and int(y0 * cells) <= y <= int(y1 * cells)) and west <= east:
            continue  # a practice with places inside and outside the view: only the cells in view
        centre = bucket["centre"]["location"]
        count = bucket["doc_count"]
        if count == 1:
            page_id = int(bucket["practice"]["hits"]["hits"][0]["_source"]["page_id"])
            clusters.append(Cluster(centre["lat"], centre["lon"], 1, practice_id=page_id))
        else:
            clusters.append(Cluster(centre["lat"], centre["lon"], count, bounds=_cell_bounds(level, x, y)))
    return response["hits"]["total"]["value"], clusters


def shown_ids(language: str) -> set[int]:
    """Every practice the language's index holds (similar practices: background work, not a page)."""
    backend = cluster_backend()
    return set(backend.page_ids(ClusterSearch(language=language, sort="title", own_first=False)))


# Documents -----------------------------------------------------------------------------------------


def _languages() -> dict[str, int | None]:
    ids = dict(Locale.objects.values_list("language_code", "pk"))
    return {code: ids.get(code) for code, _name in settings.LANGUAGES}


def _choose(versions: list[tuple[int, int]], locale_id: int | None, default_id: int | None) -> int:
    """The version of a translation group a language shows (``search.facet_index.FacetIndex._choose``)."""
    for wanted in (locale_id, default_id):
        here = [pk for version_locale, pk in versions if version_locale == wanted]
        if here:
            return min(here)
    return min(versions)[1]


def group_documents(keys: Iterable) -> dict[str, dict[str, dict | None]]:
    """language -> translation key -> the document that language shows (None: the group shows nothing)."""
    from practices.locales import default_locale
    from search.documents import build_documents
    from search.facet_index import shown_practices

    keys = list(keys)
    rows = list(
        shown_practices()
        .filter(translation_key__in=keys)
        .values_list("pk", "locale_id", "translation_key", "title", "start_year", "first_published_at", *TEXT_FIELDS)
    )
    groups: dict = {}
    for row in rows:
        groups.setdefault(row[2], []).append((row[1], row[0]))
    languages = _languages()
    default_id = default_locale().pk
    chosen = {
        code: {key: _choose(versions, locale_id, default_id) for key, versions in groups.items()}
        for code, locale_id in languages.items()
    }
    ids = sorted({pk for by_key in chosen.values() for pk in by_key.values()})
    documents = {document.page_id: document for document in build_documents(ids)}
    values: dict[int, dict[str, list[str]]] = {pk: {} for pk in ids}
    for name, facet in FACETS.items():
        for page_id, value in facet.pairs(ids):
            if page_id in values and value not in values[page_id].setdefault(name, []):
                values[page_id][name].append(value)
    points: dict[int, list[dict]] = {}
    for page_id, latitude, longitude in PracticePlace.objects.filter(
        page_id__in=ids, latitude__isnull=False, longitude__isnull=False
    ).values_list("page_id", "latitude", "longitude"):
        points.setdefault(page_id, []).append({"lat": float(latitude), "lon": float(longitude)})
    by_id = {row[0]: row for row in rows}
    result: dict[str, dict[str, dict | None]] = {}
    for code, locale_id in languages.items():
        result[code] = {str(key): None for key in keys}
        for key, pk in chosen[code].items():
            row, document = by_id[pk], documents.get(pk)
            if document is None:
                continue
            passage = " ".join(" ".join(strip_tags(str(text or "")).split()) for text in row[6:])
            result[code][str(key)] = {
                "page_id": pk,
                "translation_key": str(key),
                "language": document.language,
                "own": row[1] == locale_id,
                "title": document.title,
                "labels": document.labels,
                "body": document.body,
                f"passage_{document.language}": passage,
                "title_sort": row[3].casefold(),
                "published": row[5].isoformat() if row[5] else None,
                "start_year": row[4],
                "locations": points.get(pk, []),
                **values[pk],
            }
    return result


def _actions(index_of: dict[str, str], keys: Iterable) -> Iterator[dict]:
    for code, by_key in group_documents(keys).items():
        for key, source in by_key.items():
            if source is None:
                yield {"_op_type": "delete", "_index": index_of[code], "_id": key}
            else:
                yield {"_op_type": "index", "_index": index_of[code], "_id": key, "_source": source}


def write_groups(keys: Iterable, *, refresh: bool | str = False) -> int:
    """Write the documents of these translation groups to each language's alias."""
    backend = cluster_backend()
    index_of = {code: backend.alias(code) for code, _name in settings.LANGUAGES}
    return backend.client.bulk(_actions(index_of, keys), refresh=refresh)


def reindex(*, replicas: int = 1, shards: int = 1, progress=None) -> dict[str, str]:
    """A new index per language, filled with bulk requests, then the aliases switched in one atomic
    ``update_aliases`` and the old indexes deleted. Searches keep using the old index until the switch."""
    from search.facet_index import shown_practices

    backend = cluster_backend()
    client = backend.client
    version = current_version()  # read before the data: changes during the build are applied after
    stamp = timestamp()
    new = {code: f"{backend.alias(code)}-{stamp}" for code, _name in settings.LANGUAGES}
    for name in new.values():
        client.create_index(name, index_body(FACETS, shards=shards, replicas=0, refresh="-1"))
    keys = list(dict.fromkeys(shown_practices().order_by("translation_key").values_list("translation_key", flat=True)))
    written = 0
    for begin in range(0, len(keys), CHUNK):
        written += client.bulk(_actions(new, keys[begin : begin + CHUNK]))
        if progress:
            progress(min(begin + CHUNK, len(keys)), len(keys))
    actions = []
    old: list[str] = []
    for code, name in new.items():
        client.put_settings(name, {"index": {"refresh_interval": "1s", "number_of_replicas": replicas}})
        client.refresh(name)
        client.put_meta(name, {"content_version": version})
        previous = client.indices_of(backend.alias(code))
        old += previous
        actions += [{"remove": {"index": index, "alias": backend.alias(code)}} for index in previous]
        actions.append({"add": {"index": name, "alias": backend.alias(code)}})
    client.update_aliases(actions)
    for name in old:
        client.delete_index(name)
    sync()
    logger.info("Cluster reindexed: %s documents into %s", written, ", ".join(new.values()))
    return new


def sync() -> int:
    """Apply the changes of ``practices.changes`` since the aliases' version; returns the groups written."""
    backend = cluster_backend()
    client = backend.client
    versions = [client.meta(backend.alias(code)).get("content_version") for code, _name in settings.LANGUAGES]
    if any(version is None for version in versions):
        logger.warning("No cluster index to update: run manage.py search_reindex.")
        return 0
    old, new = min(versions), current_version()
    if new <= old:
        return 0
    changes = changes_between(old, new)
    if changes is None or any(change.kind == ContentChange.ALL for change in changes):
        reindex()
        return -1
    page_ids = {change.page_id for change in changes if change.page_id is not None}
    keys = set(PracticePage.objects.filter(pk__in=page_ids).values_list("translation_key", flat=True))
    keys |= _keys_in_cluster(page_ids)  # deleted practices: their groups, from the documents
    written = write_groups(keys, refresh="wait_for") if keys else 0
    for code, _name in settings.LANGUAGES:
        client.put_meta(backend.alias(code), {"content_version": new})
    return written


def _keys_in_cluster(page_ids: set[int]) -> set:
    if not page_ids:
        return set()
    backend = cluster_backend()
    keys = set()
    for code, _name in settings.LANGUAGES:
        body = {
            "query": {"terms": {"page_id": sorted(page_ids)}},
            "size": len(page_ids),
            "_source": ["translation_key"],
        }
        response = backend.client.search(backend.alias(code), body)
        keys |= {hit["_source"]["translation_key"] for hit in response["hits"]["hits"]}
    return keys


def schedule_sync() -> None:
    """After the commit of a change, ``search.tasks.sync_cluster`` follows it (a sync with nothing new to
    apply costs one mapping read per language, so several in a transaction are harmless)."""
    from search.tasks import sync_cluster

    transaction.on_commit(sync_cluster.enqueue, robust=True)
