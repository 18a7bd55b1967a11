"""Ranked ids of practices matching a query: the search backend ranks, the ORM filters and counts.

On SQLite the FTS5 table of modelsearch is asked directly for ids ordered by ``bm25()``: the generic
``.search()`` repeats the full-text match once per matching row to score it, which takes seconds for
common words at 10,000 practices. Every other backend (PostgreSQL, Elasticsearch, OpenSearch) goes
through Wagtail's ``.search()``.

Query text is reduced to plain words before it reaches any backend, so full-text operators and
punctuation typed by a person (``"``, ``*``, ``NEAR(``, ``AND``, ``-``) are searched as words or
dropped, never interpreted.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection
from django.db.models import Max, QuerySet
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from practices.models import PracticePage

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
WORD = re.compile(r"[^\W_]+")
TITLE_WEIGHT, BODY_WEIGHT = 3.0, 1.0


def query_terms(text: str) -> list[str]:
    """Words of a query, as the search backends tokenise them (letters and digits), at most ``MAX_TERMS``."""
    terms: list[str] = []
    for word in WORD.findall(text[:2000].lower()):
        word = word[:MAX_TERM_LENGTH]
        if word not in terms:
            terms.append(word)
        if len(terms) == MAX_TERMS:
            break
    return terms


def batch_size() -> int:
    """How many ids one backend query returns; the backends ask again until every match is read."""
    return getattr(settings, "SEARCH_BATCH_SIZE", 10_000)


def ranked_ids(text: str, candidates: QuerySet, *, operator: str = "and", limit: int | None = None) -> list[int]:
    """Ids of practices matching ``text``, best first: every word (``and``) or any (``or``); all of them
    unless ``limit`` is given, so counts, facet counts and sorts are exact at any size.

    ``candidates`` restricts the pages where the backend can take a queryset (PostgreSQL); the caller
    intersects with it in any case.
    """
    terms = query_terms(text)
    if not terms:
        return []
    backend = get_search_backend()
    if _uses_sqlite_fts(backend):
        return sqlite_ranked_ids(terms, operator, limit)
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        return cluster_ranked_ids(backend, terms, operator, limit)
    results = backend.search(
        " ".join(terms), PracticePage.objects.filter(pk__in=candidates.values("pk")), operator=operator
    )
    ranked = results.get_queryset().values_list("pk", flat=True)
    ids: list[int] = []
    size = batch_size()
    while limit is None or len(ids) < limit:
        batch = list(ranked[len(ids) : len(ids) + size])
        ids += batch
        if len(batch) < size:
            break
    return ids[:limit]


def _uses_sqlite_fts(backend) -> bool:
    if connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend  # defines models on import

    return isinstance(backend, SQLiteSearchBackend)


def fts5_match_expression(terms: list[str], operator: str = "and") -> str:
    """An FTS5 MATCH expression: every term as a quoted string (never an operator), in title or body."""
    joiner = " OR " if operator == "or" else " AND "
    return "{title body}: (" + joiner.join(f'"{term}"' for term in terms) + ")"


_entry_pages: dict = {"key": None, "pages": {}}


def _practice_of_entry() -> dict[int, int]:
    """Index entry id -> practice id, reloaded when a new entry appears (the highest id changes)."""
    entries = get_app_config().get_model("IndexEntry")
    key = entries.objects.aggregate(last=Max("pk"))["last"]
    if _entry_pages["key"] != key:
        rows = entries.objects.filter(
            content_type_id__in=list(get_descendants_content_types_pks(PracticePage))
        ).values_list("pk", "object_id")
        _entry_pages.update(key=key, pages={entry: int(object_id) for entry, object_id in rows})
    return _entry_pages["pages"]


def sqlite_ranked_ids(terms: list[str], operator: str = "and", limit: int | None = None) -> list[int]:
    """Practice ids by ``bm25()`` straight from the FTS5 table (rowid = index entry id), without a join."""
    fts = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
    # bm25() weights follow the FTS5 column order: autocomplete, body, title. Lower scores rank higher.
    # rowid breaks ties, so consecutive batches neither repeat nor skip an entry.
    sql = (
        f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s "
        f"ORDER BY bm25({fts}, 0.0, {BODY_WEIGHT}, {TITLE_WEIGHT}), rowid LIMIT %s OFFSET %s"
    )
    match, size = fts5_match_expression(terms, operator), batch_size()
    pages = _practice_of_entry()
    ids: list[int] = []
    offset = 0
    with connection.cursor() as cursor:
        while limit is None or len(ids) < limit:
            cursor.execute(sql, [match, size, offset])
            rowids = [row[0] for row in cursor.fetchall()]
            ids += [pages[rowid] for rowid in rowids if rowid in pages]
            offset += size
            if len(rowids) < size:
                break
    return ids[:limit]


def cluster_query(backend, terms: list[str], operator: str = "and"):
    """The Elasticsearch/OpenSearch search over live practices (the ORM narrows to the locale afterwards)."""
    return backend.search(" ".join(terms), PracticePage.objects.live(), operator=operator)


def cluster_query_body(backend, terms: list[str], operator: str = "and") -> dict:
    return cluster_query(backend, terms, operator)._get_es_body()


def cluster_ranked_ids(backend, terms: list[str], operator: str = "and", limit: int | None = None) -> list[int]:
    """Every hit, in batches: ``search_after`` on (score, pk) pages past the cluster's result window."""
    results = cluster_query(backend, terms, operator)
    index = backend.get_index_for_model(PracticePage).name
    size = batch_size()
    body = {**results._get_es_body(), "sort": [{"_score": "desc"}, {"pk": "asc"}]}
    ids: list[int] = []
    while limit is None or len(ids) < limit:
        params = {"index": index, "_source": False, results.fields_param_name: "pk", "size": size}
        hits = results._backend_do_search(body, **params)["hits"]["hits"]
        ids += [int(hit["fields"]["pk"][0]) for hit in hits]
        if len(hits) < size:
            break
        body["search_after"] = hits[-1]["sort"]
    return ids[:limit]
