"""Against a real Elasticsearch 9 / OpenSearch 3 cluster: runs only when ELASTICSEARCH_URL or OPENSEARCH_URL is set.

The same behaviour the SQLite and PostgreSQL tests check, answered by the cluster: totals, facet counts,
sort, a deep page through search_after, and the reindex's alias switch.
"""

import os

import pytest

URL = os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL")
REASON = "no ELASTICSEARCH_URL or OPENSEARCH_URL set: no cluster to test against"
if not URL:
    print(f"\nsearch/tests/test_cluster_live.py skipped: {REASON}")

pytestmark = [pytest.mark.django_db, pytest.mark.skipif(not URL, reason=REASON)]


@pytest.fixture
def on_cluster(settings, monkeypatch, corpus):
    from search import backends, cluster
    from search.backends.elasticsearch import ElasticsearchBackend

    settings.PRAXIS_SEARCH_BACKEND = "search.backends.elasticsearch"
    settings.PRAXIS_SEARCH_INDEX_PREFIX = "praxis-test"
    monkeypatch.setitem(backends._instances, settings.PRAXIS_SEARCH_BACKEND, ElasticsearchBackend())
    cluster.reindex(replicas=0)
    return corpus


def test_search_totals_facets_and_sort(client, on_cluster):
    data = client.get("/api/search/", {"q": "internships"}).json()
    assert [r["title"] for r in data["results"]] == ["Bridge to Work"]
    filtered = client.get("/api/search/", {"q": "refugees", "theme": "mentoring"}).json()
    assert [r["title"] for r in filtered["results"]] == ["Mentors for Women"]
    assert filtered["count"] == 1
    counts = {v["value"]: v["count"] for v in filtered["facets"]["theme"]}
    everyone = client.get("/api/search/", {"q": "refugees"}).json()
    assert counts["mentoring"] == 1 and sum(counts.values()) >= everyone["count"] >= 2
    titles = [r["title"] for r in client.get("/api/search/", {"sort": "title"}).json()["results"]]
    assert titles == sorted(titles, key=str.casefold)


def test_deep_page_and_alias_switch(on_cluster, monkeypatch):
    from search import cluster
    from search.backends.elasticsearch import ClusterSearch
    from search.engine import SearchParams, run_search

    monkeypatch.setattr("search.backends.elasticsearch.MAX_WINDOW", 2)
    monkeypatch.setattr("search.backends.elasticsearch.SEEK_STEP", 1)
    first = run_search(SearchParams(sort="title", page_size=2))
    second = run_search(SearchParams(sort="title", page_size=2, page=2))
    assert not {p.pk for p in first.results} & {p.pk for p in second.results}
    backend = cluster.cluster_backend()
    before = backend.client.indices_of(backend.alias("en"))
    after = cluster.reindex(replicas=0)
    assert backend.client.indices_of(backend.alias("en")) == [after["en"]] != before
    assert len(list(backend.page_ids(ClusterSearch(language="en", sort="title")))) == first.count
