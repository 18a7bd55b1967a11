"""Elasticsearch / OpenSearch: an index of the pre-analysed practice documents, through the client's public API.

The fields hold stems from ``search.analysis`` and are mapped with the ``whitespace`` analyzer: the
language analysis already happened (the English and German Snowball stemmers, folding, compounds), so a
cluster matches exactly the stems SQLite and PostgreSQL match. Each word of a query is a ``multi_match``
over the alternatives of its stems (``operator: or`` within a word), all words required (``bool.must``)
or any (``bool.should``); phrases are ``match_phrase`` per language. Nothing of the person's text is
parsed as query syntax.
"""

from __future__ import annotations

import os

from django.conf import settings

from search.analysis import Phrase, Query, Term

FIELDS = ["title^20", "labels^5", "body"]
MAPPING = {
    "properties": {
        "page_id": {"type": "long"},
        **{name: {"type": "text", "analyzer": "whitespace"} for name in ("title", "labels", "body")},
    }
}


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


def query_body(query: Query, *, require_all: bool = True) -> dict:
    clauses = [clause_query(clause) for clause in query.clauses]
    if require_all:
        return {"bool": {"must": clauses}}
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


class ElasticsearchBackend:
    page_size = 10_000

    def __init__(self):
        url = os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL") or "http://127.0.0.1:9200"
        prefix = getattr(settings, "PRAXIS_SEARCH_INDEX_PREFIX", os.environ.get("SEARCH_INDEX_PREFIX", "praxis_"))
        self.index_name = f"{prefix}practice_documents"
        self.url = url
        self._client = None

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch(self.url, request_timeout=10)
        return self._client

    def _ensure_index(self) -> None:
        if not self.client.indices.exists(index=self.index_name):
            self.client.indices.create(index=self.index_name, mappings=MAPPING)

    def _ids(self, body: dict, ranked: bool) -> list[int]:
        """Every matching id, page by page with ``search_after`` (no cap on the number of hits)."""
        sort = [{"_score": "desc"}, {"page_id": "asc"}] if ranked else [{"page_id": "asc"}]
        ids: list[int] = []
        after = None
        while True:
            extra = {"search_after": after} if after else {}
            response = self.client.search(
                index=self.index_name,
                query=body,
                sort=sort,
                size=self.page_size,
                source=False,
                docvalue_fields=["page_id"],
                **extra,
            )
            hits = response["hits"]["hits"]
            ids += [int(hit["fields"]["page_id"][0]) for hit in hits]
            if len(hits) < self.page_size:
                return ids
            after = hits[-1]["sort"]

    def ranked_ids(self, query: Query, *, require_all: bool = True) -> list[int]:
        if not query:
            return []
        return self._ids(query_body(query, require_all=require_all), ranked=True)

    def clause_ids(self, query: Query) -> list[set[int]]:
        return [set(self._ids(clause_query(clause), ranked=False)) for clause in query.clauses]

    def index(self, documents: list) -> None:
        if not documents:
            return
        self._ensure_index()
        from elasticsearch.helpers import bulk

        bulk(
            self.client,
            (
                {
                    "_index": self.index_name,
                    "_id": str(d.page_id),
                    "_source": {"page_id": d.page_id, "title": d.title, "labels": d.labels, "body": d.body},
                }
                for d in documents
            ),
            refresh="wait_for",
        )

    def remove(self, ids: list[int]) -> None:
        if ids:
            self._ensure_index()
            self.client.delete_by_query(
                index=self.index_name, query={"terms": {"page_id": list(ids)}}, refresh=True, conflicts="proceed"
            )

    def clear(self) -> None:
        self.client.indices.delete(index=self.index_name, ignore_unavailable=True)
        self._ensure_index()


SearchBackend = ElasticsearchBackend
