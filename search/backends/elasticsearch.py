"""Elasticsearch 9 / OpenSearch 3: the cluster answers the whole search, one request per search page.

Matching. The text fields hold the stems of ``search.analysis`` and are mapped with the ``whitespace``
analyzer: the language analysis already happened in Python (the English and German Snowball stemmers,
folding, compounds), so the cluster matches exactly the stems SQLite and PostgreSQL match. Each word of
a query is a ``multi_match`` over the alternatives of its stems, all words required (``bool.must``) or
any (``bool.should``); phrases are ``match_phrase`` per language. Nothing a person types is parsed as
query syntax. The unstemmed text (``passage_<language>``, the cluster's own Snowball analyzer) serves
only the highlighter.

Indexes. One index per interface language behind an alias (``<prefix>-<lang>`` →
``<prefix>-<lang>-<timestamp>``). The index of a language holds one document per translation group:
the version shown in that language (its own, else the default language's, else the first), exactly the
candidates of ``search.facet_index`` for that locale; ``own`` says whether it is in the index's
language. Every facet is a keyword field, ``published`` a date, ``locations`` geo points. The document
id is the translation key, so publishing a translation replaces the fallback in place.

Searching. ``search_body`` builds one request: the query (words and ``near``) scopes everything; each
facet's counts come from a ``filter`` aggregation holding the *other* facets' selections, with a
``terms`` sub-aggregation; ``post_filter`` holds every selection, for the hits only; the total is exact
(``track_total_hits``); hits carry highlights and their sort values. Numbered pages use ``from``/``size``
up to ``MAX_WINDOW`` hits (the clusters' default ``index.max_result_window``); a page past it is reached
with ``search_after``: the sort values of the hit before the page are found with requests that return
sort values only (``SEEK_STEP`` at a time), then the page is asked for like any other. ``next_after`` of a
result is the cursor of the following page, so a client walking forward needs one request per page.

Writing. ``manage.py search_reindex`` builds a new index per language with bulk requests, switches the
alias atomically and deletes the old index. Changes follow ``practices.changes``: the signals schedule
``search.tasks.sync_cluster`` after the commit, which applies the changes since the version recorded in
the index's ``_meta`` to the alias.

Clients. ``ELASTICSEARCH_URL`` → the ``elasticsearch`` client, ``OPENSEARCH_URL`` → ``opensearch-py``;
both get the same request bodies through ``ClusterClient``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from search.analysis import Phrase, Query, Term

FIELDS = ["title^20", "labels^5", "body"]
TEXT_FIELDS = ("title", "labels", "body")
LANGUAGE_CODES = ("en", "de")
MAX_WINDOW = 10_000  # from + size beyond this: search_after (index.max_result_window of both clusters)
SEEK_STEP = 10_000  # sort values fetched per request when seeking a deep page
FACET_SIZE = 100  # values per facet (search.engine.FACET_LIMIT: the most frequent are listed)
CLAUSE_WEIGHT = 1000.0  # partial matches: each matched word outweighs any text score
HIGHLIGHT_CHARS = 300


# Mappings ------------------------------------------------------------------------------------------


def analysis_settings() -> dict:
    """Analyzers of the highlighter's passage fields (matching uses ``whitespace`` on the stems)."""
    return {
        "analyzer": {
            "praxis_en": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "praxis_en_stem", "asciifolding"],
            },
            "praxis_de": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "german_normalization", "praxis_de_stem", "asciifolding"],
            },
        },
        "filter": {
            "praxis_en_stem": {"type": "snowball", "language": "English"},
            "praxis_de_stem": {"type": "snowball", "language": "German"},
        },
    }


def mappings(facet_names: Iterable[str]) -> dict:
    return {
        "dynamic": "strict",
        "properties": {
            "page_id": {"type": "long"},
            "translation_key": {"type": "keyword"},
            "language": {"type": "keyword"},
            "own": {"type": "boolean"},
            **{name: {"type": "text", "analyzer": "whitespace"} for name in TEXT_FIELDS},
            **{
                f"passage_{code}": {"type": "text", "analyzer": f"praxis_{code}", "index_options": "offsets"}
                for code in LANGUAGE_CODES
            },
            "title_sort": {"type": "keyword"},
            "published": {"type": "date"},
            "start_year": {"type": "integer"},
            "locations": {"type": "geo_point"},
            **{name: {"type": "keyword"} for name in facet_names},
        },
    }


def index_body(facet_names: Iterable[str], *, shards: int = 1, replicas: int = 0, refresh: str = "1s") -> dict:
    return {
        "settings": {
            "index": {"number_of_shards": shards, "number_of_replicas": replicas, "refresh_interval": refresh},
            "analysis": analysis_settings(),
        },
        "mappings": mappings(facet_names),
    }


# Queries -------------------------------------------------------------------------------------------


def clause_query(clause: Term | Phrase) -> dict:
    if isinstance(clause, Phrase):
        options = [
            {"multi_match": {"query": " ".join(sequence), "type": "phrase", "fields": FIELDS}}
            for sequence in clause.sequences
        ]
    else:
        options = [{"multi_match": {"query": " ".join(clause.stems), "fields": FIELDS, "operator": "or"}}]
        if clause.parts:
            options.append(
                {
                    "bool": {
                        "must": [
                            {"multi_match": {"query": " ".join(part), "fields": FIELDS, "operator": "or"}}
                            for part in clause.parts
                        ]
                    }
                }
            )
    return {"bool": {"should": options, "minimum_should_match": 1}}


def query_body(query: Query, *, require_all: bool = True, minimum: int | None = None) -> dict:
    """Every clause (``require_all``), any clause, or at least ``minimum`` clauses ranked by how many match."""
    if minimum is not None:
        weighted = [
            {
                "bool": {
                    "should": [{"constant_score": {"filter": clause_query(c), "boost": CLAUSE_WEIGHT}}, clause_query(c)]
                }
            }
            for c in query.clauses
        ]
        return {"bool": {"should": weighted, "minimum_should_match": minimum}}
    clauses = [clause_query(clause) for clause in query.clauses]
    if require_all:
        return {"bool": {"must": clauses}}
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def selection_filter(name: str, values: list[str]) -> dict:
    return {"terms": {name: list(values)}}


def all_of(filters: list[dict]) -> dict:
    return {"bool": {"filter": filters}} if filters else {"match_all": {}}


def near_filter(near: tuple[float, float, float]) -> dict:
    latitude, longitude, km = near
    return {"geo_distance": {"distance": f"{km:g}km", "locations": {"lat": latitude, "lon": longitude}}}


SORTS: dict[str, list[dict]] = {
    "relevance": [{"_score": {"order": "desc"}}, {"page_id": {"order": "asc"}}],
    "newest": [{"published": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}}],
    "title": [{"title_sort": {"order": "asc"}}, {"page_id": {"order": "asc"}}],
    "start_year": [
        {"start_year": {"order": "desc", "missing": "_last"}},
        {"title_sort": {"order": "asc"}},
        {"page_id": {"order": "asc"}},
    ],
}


def sort_clause(sort: str, own_first: bool) -> list[dict]:
    """The order of ``search.facet_index`` (``page_id`` breaks every tie, so ``search_after`` is exact)."""
    order = SORTS.get(sort, SORTS["newest"])
    return ([{"own": {"order": "desc"}}] if own_first else []) + order


@dataclass
class ClusterSearch:
    """What the engine asks the cluster: one page of a search in one language's index."""

    language: str
    query: Query | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)
    near: tuple[float, float, float] | None = None
    sort: str = "newest"
    own_first: bool = True
    start: int = 0
    size: int = 20
    after: list | None = None
    minimum_clauses: int | None = None  # partial matches: at least this many words
    facets: tuple[str, ...] = ()
    check_known: bool = False  # which selected values any practice of the index has

    def scope(self) -> dict:
        """The query every aggregation and hit shares: the words and the near filter, no facet selection."""
        filters = [near_filter(self.near)] if self.near else []
        if self.query:
            if self.minimum_clauses is not None:
                text = query_body(self.query, minimum=self.minimum_clauses)
            else:
                text = query_body(self.query)
            return {"bool": {"must": [text], "filter": filters}} if filters else {"bool": {"must": [text]}}
        return {"bool": {"filter": filters}} if filters else {"match_all": {}}


def facet_aggregations(filters: dict[str, list[str]], facets: Iterable[str]) -> dict:
    """One ``filter`` aggregation per facet holding the other facets' selections (disjunctive counts)."""
    aggs = {}
    for name in facets:
        others = [selection_filter(other, values) for other, values in filters.items() if other != name]
        inner: dict[str, Any] = {"values": {"terms": {"field": name, "size": FACET_SIZE}}}
        if filters.get(name):  # selected values are listed even when not among the most frequent
            inner["selected"] = {"terms": {"field": name, "include": list(filters[name]), "size": len(filters[name])}}
        aggs[f"facet:{name}"] = {"filter": all_of(others), "aggs": inner}
    return aggs


def known_aggregation(filters: dict[str, list[str]]) -> dict:
    """The selected values that some practice of the index has (``global``: whatever the query)."""
    return {
        "known": {
            "global": {},
            "aggs": {
                name: {"terms": {"field": name, "include": list(values), "size": len(values)}}
                for name, values in filters.items()
            },
        }
    }


def highlight_body(query: Query) -> dict:
    words = " ".join(query.words)
    return {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "fields": {
            f"passage_{code}": {
                "type": "unified",
                "number_of_fragments": 1,
                "fragment_size": HIGHLIGHT_CHARS,
                "highlight_query": {"match": {f"passage_{code}": {"query": words, "operator": "or"}}},
            }
            for code in LANGUAGE_CODES
        },
    }


def search_body(search: ClusterSearch) -> dict:
    """The one request of a search page: hits, exact total, disjunctive facet counts, highlights."""
    body: dict[str, Any] = {
        "query": search.scope(),
        "sort": sort_clause(search.sort, search.own_first),
        "size": search.size,
        "track_total_hits": True,
        "_source": ["page_id"],
    }
    if search.after is not None:
        body["search_after"] = search.after
    else:
        body["from"] = search.start
    if search.filters:
        body["post_filter"] = all_of([selection_filter(n, v) for n, v in search.filters.items()])
    aggs = facet_aggregations(search.filters, search.facets)
    if search.check_known and search.filters:
        aggs.update(known_aggregation(search.filters))
    if aggs:
        body["aggs"] = aggs
    if search.query and search.size:
        body["highlight"] = highlight_body(search.query)
    return body


def seek_body(search: ClusterSearch, after: list | None, size: int) -> dict:
    """Sort values only, to find where a deep page starts."""
    body: dict[str, Any] = {
        "query": search.scope(),
        "sort": sort_clause(search.sort, search.own_first),
        "size": size,
        "track_total_hits": False,
        "_source": False,
    }
    if after is not None:
        body["search_after"] = after
    if search.filters:
        body["post_filter"] = all_of([selection_filter(n, v) for n, v in search.filters.items()])
    return body


# Responses -----------------------------------------------------------------------------------------


@dataclass
class ClusterHit:
    page_id: int
    sort: list
    highlight: str = ""  # HTML: the text escaped by the cluster (``encoder: html``), matches in <mark>


@dataclass
class ClusterPage:
    total: int
    hits: list[ClusterHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> count
    known: dict[str, set[str]] | None = None  # facet -> selected values some practice has
    next_after: list | None = None  # search_after of the following page

    @property
    def ids(self) -> list[int]:
        return [hit.page_id for hit in self.hits]


def parse_search(response: dict, size: int) -> ClusterPage:
    total = response["hits"]["total"]
    if total.get("relation", "eq") != "eq":  # track_total_hits: true never gives a lower bound
        raise ValueError("The cluster returned a lower bound for the total; track_total_hits is required.")
    hits = []
    for hit in response["hits"]["hits"]:
        fragments = [text for values in (hit.get("highlight") or {}).values() for text in values]
        hits.append(ClusterHit(int(hit["_source"]["page_id"]), hit.get("sort", []), fragments[0] if fragments else ""))
    aggregations = response.get("aggregations", {})
    facets = {}
    for key, aggregation in aggregations.items():
        if not key.startswith("facet:"):
            continue
        counts = {str(b["key"]): b["doc_count"] for b in aggregation["values"]["buckets"]}
        for bucket in aggregation.get("selected", {}).get("buckets", []):
            counts.setdefault(str(bucket["key"]), bucket["doc_count"])
        facets[key.removeprefix("facet:")] = counts
    known = None
    if "known" in aggregations:
        known = {
            name: {str(b["key"]) for b in agg["buckets"] if b["doc_count"]}
            for name, agg in aggregations["known"].items()
            if isinstance(agg, dict) and "buckets" in agg
        }
    next_after = hits[-1].sort if hits and len(hits) == size else None
    return ClusterPage(total["value"], hits, facets, known, next_after)


# Clients -------------------------------------------------------------------------------------------


class ClusterClient:
    """The few calls the backend makes, on the ``elasticsearch`` or the ``opensearch-py`` client.

    Both take the same bodies (mapping types are gone from both; ``search_after``, ``track_total_hits``,
    ``post_filter``, filter aggregations and ``update_aliases`` are the same); what differs is the
    package, its bulk helpers and its not-found exception.
    """

    def __init__(self, client, helpers, not_found: type[Exception]):
        self.client, self.helpers, self.not_found = client, helpers, not_found

    @classmethod
    def elasticsearch(cls, url: str, **options) -> ClusterClient:
        from elasticsearch import Elasticsearch, NotFoundError, helpers

        return cls(Elasticsearch(url, request_timeout=10, **options), helpers, NotFoundError)

    @classmethod
    def opensearch(cls, url: str, **options) -> ClusterClient:
        from opensearchpy import NotFoundError, OpenSearch, helpers

        return cls(OpenSearch(hosts=[url], timeout=10, **options), helpers, NotFoundError)

    def search(self, index: str, body: dict) -> dict:
        return dict(self.client.search(index=index, body=body))

    def count(self, index: str, body: dict) -> int:
        return int(self.client.count(index=index, body=body)["count"])

    def bulk(self, actions: Iterable[dict], *, refresh: bool | str = False) -> int:
        done = 0
        for ok, item in self.helpers.streaming_bulk(
            self.client, actions, chunk_size=500, refresh=refresh, raise_on_error=False
        ):
            if ok:
                done += 1
            elif next(iter(item.values())).get("status") != 404:  # deleting what is already gone is fine
                raise RuntimeError(f"Bulk request failed: {item}")
        return done

    def create_index(self, name: str, body: dict) -> None:
        self.client.indices.create(index=name, body=body)

    def delete_index(self, name: str) -> None:
        self.client.indices.delete(index=name)

    def indices_of(self, alias: str) -> list[str]:
        try:
            return sorted(dict(self.client.indices.get_alias(name=alias)))
        except self.not_found:
            return []

    def update_aliases(self, actions: list[dict]) -> None:
        self.client.indices.update_aliases(body={"actions": actions})

    def put_settings(self, index: str, body: dict) -> None:
        self.client.indices.put_settings(index=index, body=body)

    def refresh(self, index: str) -> None:
        self.client.indices.refresh(index=index)

    def meta(self, index: str) -> dict:
        try:
            mapping = dict(self.client.indices.get_mapping(index=index))
        except self.not_found:
            return {}
        return next(iter(mapping.values()), {}).get("mappings", {}).get("_meta", {})

    def put_meta(self, index: str, meta: dict) -> None:
        self.client.indices.put_mapping(index=index, body={"_meta": meta})


def cluster_client() -> ClusterClient:
    """``OPENSEARCH_URL`` → opensearch-py, else ``ELASTICSEARCH_URL`` (or a local default) → elasticsearch."""
    opensearch = getattr(settings, "OPENSEARCH_URL", "") or os.environ.get("OPENSEARCH_URL", "")
    elastic = getattr(settings, "ELASTICSEARCH_URL", "") or os.environ.get("ELASTICSEARCH_URL", "")
    if opensearch and not elastic:
        return ClusterClient.opensearch(opensearch)
    return ClusterClient.elasticsearch(elastic or "http://127.0.0.1:9200")


# The backend ---------------------------------------------------------------------------------------


def index_prefix() -> str:
    return getattr(settings, "PRAXIS_SEARCH_INDEX_PREFIX", "") or os.environ.get(
        "SEARCH_CLUSTER_PREFIX", "praxis-practices"
    )


class ElasticsearchBackend:
    answers_searches = True  # search.engine asks the cluster for the whole page, facets and all

    def __init__(self, client: ClusterClient | None = None):
        self._client = client
        self.prefix = index_prefix()

    @property
    def client(self) -> ClusterClient:
        if self._client is None:
            self._client = cluster_client()
        return self._client

    def alias(self, language: str) -> str:
        return f"{self.prefix}-{language}"

    def aliases(self) -> list[str]:
        return [self.alias(code) for code, _name in settings.LANGUAGES]

    # Searching -------------------------------------------------------------------------------------

    def search(self, search: ClusterSearch) -> ClusterPage:
        """One page of hits with total and facet counts; past ``MAX_WINDOW`` through ``search_after``."""
        if search.after is None and search.start + search.size > MAX_WINDOW:
            search.after = self._seek(search, search.start)
        body = search_body(search)
        return parse_search(self.client.search(self.alias(search.language), body), search.size)

    def _seek(self, search: ClusterSearch, start: int) -> list | None:
        """The sort values of hit ``start - 1`` (the page then starts with ``search_after``)."""
        after, skipped = None, 0
        while skipped < start:
            step = min(SEEK_STEP, start - skipped)
            response = self.client.search(self.alias(search.language), seek_body(search, after, step))
            hits = response["hits"]["hits"]
            if not hits:
                return after
            after, skipped = hits[-1]["sort"], skipped + len(hits)
            if len(hits) < step:
                return after
        return after

    def count(self, language: str, query: dict) -> int:
        return self.client.count(self.alias(language), {"query": query})

    def aggregate(self, language: str, query: dict, aggs: dict) -> dict:
        body = {"query": query, "size": 0, "track_total_hits": True, "aggs": aggs}
        return self.client.search(self.alias(language), body).get("aggregations", {})

    def page_ids(self, search: ClusterSearch, limit: int | None = None) -> Iterator[int]:
        """Every matching id in order, ``SEEK_STEP`` at a time with ``search_after`` (exports, feeds)."""
        after, given = None, 0
        while limit is None or given < limit:
            step = SEEK_STEP if limit is None else min(SEEK_STEP, limit - given)
            body = seek_body(search, after, step)
            body["_source"] = ["page_id"]
            hits = self.client.search(self.alias(search.language), body)["hits"]["hits"]
            for hit in hits:
                yield int(hit["_source"]["page_id"])
            given += len(hits)
            if len(hits) < step:
                return
            after = hits[-1]["sort"]

    # The interface of the database backends (similar practices, relevance scripts) -----------------

    def ranked_ids(self, query: Query, *, require_all: bool = True) -> list[int]:
        if not query:
            return []
        search = ClusterSearch(language=query.language, sort="relevance", own_first=False)
        search.query = query
        if not require_all:
            search.minimum_clauses = 1
        return list(self.page_ids(search))

    def matched_ids(self, query: Query) -> list[int]:
        return self.ranked_ids(query)

    def ranked_tiers(self, query: Query) -> Iterator[list[int]]:
        yield self.ranked_ids(query)

    def clause_ids(self, query: Query) -> list[set[int]]:
        return [
            set(self.page_ids(ClusterSearch(language=query.language, query=Query(query.text, *_alone(c)))))
            for c in query.clauses
        ]

    # Writing ---------------------------------------------------------------------------------------

    def index(self, documents: list) -> None:
        """Called inside the transaction of a change: the cluster follows after the commit."""
        from search.cluster import schedule_sync

        schedule_sync()

    def remove(self, ids: list[int]) -> None:
        from search.cluster import schedule_sync

        schedule_sync()

    def clear(self) -> None:
        """``refresh_search`` rebuilds through ``search.cluster.reindex`` (a new index per language)."""


def _alone(clause: Term | Phrase) -> tuple[tuple, tuple]:
    return ((clause,), ()) if isinstance(clause, Term) else ((), (clause,))


def timestamp() -> str:
    return time.strftime("%Y%m%d%H%M%S", time.gmtime()) + f"{time.time_ns() % 1_000_000_000 // 1_000_000:03d}"


SearchBackend = ElasticsearchBackend
