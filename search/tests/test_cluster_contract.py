"""Contract of the cluster backend without a cluster: the exact request bodies it sends (through the clients'
own transport layer, ``cluster_fake``) and the engine's results from recorded responses of the documented
Elasticsearch 9 / OpenSearch 3 shape (``cluster_responses/``). The database is real."""

import pytest

from practices.changes import current_version
from search import backends
from search.analysis import analyse_query
from search.backends.elasticsearch import ClusterSearch, ElasticsearchBackend, clause_query, highlight_body
from search.engine import SearchParams, run_search
from search.facet_index import worker
from search.facets import FACETS
from search.tests.cluster_fake import FakeCluster, recorded

pytestmark = pytest.mark.django_db
MODULE = "search.backends.elasticsearch"
NEWEST = [{"published": {"order": "desc", "missing": "_last"}}, {"page_id": {"order": "desc"}}]


@pytest.fixture
def fake(settings, monkeypatch):
    cluster = FakeCluster()
    settings.PRAXIS_SEARCH_BACKEND = MODULE

    def no_facet_index(*args, **kwargs):
        raise AssertionError("the facet index was built with the cluster backend")

    monkeypatch.setattr("search.facet_index.build", no_facet_index)
    monkeypatch.setitem(backends._instances, MODULE, ElasticsearchBackend(client=cluster.elasticsearch()))
    return cluster


def values(name, size=100):
    return {"terms": {"field": name, "size": size}}


def test_one_request_answers_query_two_facets_sort_and_page(fake, shared_corpus):
    ids = {name: page.pk for name, page in shared_corpus.items()}
    words = {"aggregations": {"clause:0": {"doc_count": 2}}}
    fake.on("POST", "/praxis-practices-en/_search", [recorded("search_page.json", **ids), words])
    params = SearchParams(
        q="mentoring", filters={"theme": ["mentoring"], "target_group": ["refugees", "women"]}, sort="newest"
    )
    params.page_size = 2
    outcome = run_search(params)

    # One request for the whole page; with fewer than FEW results, "Did you mean" counts the words.
    (method, path, body), (_method, _path, counted) = fake.requests
    assert counted["aggs"] == {"clause:0": {"filter": clause_query(analyse_query("mentoring").terms[0])}}
    assert (method, path.split("?")[0]) == ("POST", "/praxis-practices-en/_search")
    theme = {"terms": {"theme": ["mentoring"]}}
    groups = {"terms": {"target_group": ["refugees", "women"]}}
    clause = clause_query(analyse_query("mentoring").terms[0])
    assert clause == {
        "bool": {
            "should": [
                {
                    "multi_match": {
                        "query": "mentor mentoring",
                        "fields": ["title^20", "labels^5", "body"],
                        "operator": "or",
                    }
                }
            ],
            "minimum_should_match": 1,
        }
    }
    aggs = body.pop("aggs")
    assert body == {
        "query": {"bool": {"must": [{"bool": {"must": [clause]}}]}},
        "sort": NEWEST,  # an order was chosen: no "own language first"
        "size": 2,
        "from": 0,
        "track_total_hits": True,
        "_source": ["page_id"],
        "post_filter": {"bool": {"filter": [theme, groups]}},
        "highlight": highlight_body(analyse_query("mentoring")),
    }
    assert aggs.pop("facet:theme") == {
        "filter": {"bool": {"filter": [groups]}},
        "aggs": {
            "values": values("theme"),
            "selected": {"terms": {"field": "theme", "include": ["mentoring"], "size": 1}},
        },
    }
    assert aggs.pop("facet:target_group") == {
        "filter": {"bool": {"filter": [theme]}},
        "aggs": {
            "values": values("target_group"),
            "selected": {"terms": {"field": "target_group", "include": ["refugees", "women"], "size": 2}},
        },
    }
    assert aggs.pop("known") == {
        "global": {},
        "aggs": {
            "theme": {"terms": {"field": "theme", "include": ["mentoring"], "size": 1}},
            "target_group": {"terms": {"field": "target_group", "include": ["refugees", "women"], "size": 2}},
        },
    }
    assert aggs == {  # every other facet: counted with both selections
        f"facet:{name}": {"filter": {"bool": {"filter": [theme, groups]}}, "aggs": {"values": values(name)}}
        for name in FACETS
        if name not in ("theme", "target_group")
    }
    assert body["highlight"]["encoder"] == "html"

    assert outcome.count == 2
    assert [p.title for p in outcome.results] == ["Mentors for Women", "Bridge to Work"]
    assert (
        str(outcome.results[0].search_highlight)
        == "Volunteer <mark>mentors</mark> accompany migrant women into training."
    )
    assert "<mark>" in str(outcome.results[1].search_highlight) or outcome.results[1].search_highlight  # local fallback
    assert outcome.next_after == [1764547200000, ids["bridge"]]
    counts = {f.name: {v.value: (v.count, v.selected) for v in f.values} for f in outcome.facets}
    assert counts["theme"] == {"mentoring": (2, True), "job-coaching-placement": (1, False)}
    assert counts["target_group"] == {"refugees": (2, True), "women": (1, True)}
    assert counts["country"] == {"DE": (2, False)}
    assert outcome.complete_count == 2 and not outcome.partial
    assert worker.index is None  # no facet index in this worker


def test_a_deep_page_is_reached_with_search_after():
    fake = FakeCluster()
    seek = [{"sort": [True, 1_800_000_000_000 - n, 30_000 - n]} for n in range(10_000)]
    second = [{"sort": [True, 1_790_000_000_000 - n, 20_000 - n]} for n in range(20)]
    fake.on(
        "POST",
        "/praxis-practices-en/_search",
        [{"hits": {"hits": seek}}, {"hits": {"hits": second}}, recorded("deep_page.json")],
    )
    backend = ElasticsearchBackend(client=fake.elasticsearch())
    page = backend.search(ClusterSearch(language="en", sort="newest", start=10_020, size=2))

    first, then, last = fake.searches()
    order = [{"own": {"order": "desc"}}, *NEWEST]
    assert first == {
        "query": {"match_all": {}},
        "sort": order,
        "size": 10_000,
        "track_total_hits": False,
        "_source": False,
    }
    assert then == {**first, "size": 20, "search_after": [True, 1_799_999_990_001, 20_001]}
    assert last == {
        "query": {"match_all": {}},
        "sort": order,
        "size": 2,
        "track_total_hits": True,
        "_source": ["page_id"],
        "search_after": [True, 1_789_999_999_981, 19_981],
    }
    assert "from" not in last
    assert page.total == 25_000 and page.ids == [10021, 10020]
    assert page.next_after == [True, 1699999000000, 10020]


def test_both_clients_send_the_same_body_without_a_query():
    search = ClusterSearch(
        language="de", filters={"country": ["DE"]}, facets=("country", "theme"), size=20, check_known=True
    )
    bodies = []
    for make in ("elasticsearch", "opensearch"):
        fake = FakeCluster().on("POST", "/praxis-practices-de/_search", recorded("empty_page.json"))
        page = ElasticsearchBackend(client=getattr(fake, make)()).search(ClusterSearch(**vars(search)))
        [(method, path, body)] = fake.requests
        assert (method, path.split("?")[0]) == ("POST", "/praxis-practices-de/_search")
        assert page.total == 0 and page.known == {"theme": {"mentoring"}, "country": {"DE"}}
        bodies.append(body)
    country = {"terms": {"country": ["DE"]}}
    assert (
        bodies[0]
        == bodies[1]
        == {
            "query": {"match_all": {}},
            "sort": [{"own": {"order": "desc"}}, *NEWEST],
            "size": 20,
            "from": 0,
            "track_total_hits": True,
            "_source": ["page_id"],
            "post_filter": {"bool": {"filter": [country]}},
            "aggs": {
                "facet:country": {
                    "filter": {"match_all": {}},
                    "aggs": {
                        "values": values("country"),
                        "selected": {"terms": {"field": "country", "include": ["DE"], "size": 1}},
                    },
                },
                "facet:theme": {"filter": {"bool": {"filter": [country]}}, "aggs": {"values": values("theme")}},
                "known": {
                    "global": {},
                    "aggs": {"country": {"terms": {"field": "country", "include": ["DE"], "size": 1}}},
                },
            },
        }
    )


def test_an_empty_result_gets_its_helpers_from_the_cluster(fake, shared_corpus):
    fake.on(
        "POST",
        "/praxis-practices-en/_search",
        [recorded("empty_page.json"), recorded("empty_helpers.json"), {"aggregations": {"clause:0": {"doc_count": 3}}}],
    )
    outcome = run_search(SearchParams(q="mentoring", filters={"theme": ["mentoring"], "country": ["DE"]}))

    main, helpers, words = fake.searches()
    theme, country = {"terms": {"theme": ["mentoring"]}}, {"terms": {"country": ["DE"]}}
    scope = main["query"]
    helper_aggs = helpers.pop("aggs")
    assert helpers == {"query": scope, "size": 0, "track_total_hits": True}
    assert helper_aggs["without:0"] == {"filter": {"bool": {"filter": [country]}}}
    assert helper_aggs["without:1"] == {"filter": {"bool": {"filter": [theme]}}}
    assert helper_aggs["without_query"] == {
        "global": {},
        "aggs": {"matching": {"filter": {"bool": {"filter": [theme, country]}}}},
    }
    assert helper_aggs["listed"]["global"] == {}
    assert helper_aggs["listed"]["aggs"]["theme"] == {
        "terms": {"field": "theme", "size": 100, "order": {"_key": "asc"}}
    }
    assert words == {
        "query": {"match_all": {}},
        "size": 0,
        "track_total_hits": True,
        "aggs": {"clause:0": {"filter": clause_query(analyse_query("mentoring").terms[0])}},
    }

    assert outcome.count == 0 and outcome.results == []
    assert [(s["facet"], s["value"], s["count"]) for s in outcome.suggestions] == [
        ("theme", "mentoring", 1),
        ("q", "mentoring", 1),
    ]
    theme_values = next(f for f in outcome.facets if f.name == "theme").values
    assert {(v.value, v.count) for v in theme_values} == {("job-coaching-placement", 0), ("mentoring", 0)}
    assert outcome.did_you_mean is None  # the word matches practices: nothing to correct
    assert worker.index is None


def test_reindex_builds_new_indexes_switches_aliases_and_deletes_the_old(fake, shared_corpus, monkeypatch):
    from search import cluster

    monkeypatch.setattr(cluster, "timestamp", lambda: "20261202000000000")
    version = current_version()
    for code in ("en", "de"):
        fake.on("GET", f"/_alias/praxis-practices-{code}", {f"praxis-practices-{code}-old": {"aliases": {}}})
        fake.on(
            "GET", f"/praxis-practices-{code}/_mapping", {"x": {"mappings": {"_meta": {"content_version": version}}}}
        )
    cluster.reindex(replicas=1)

    calls = [(method, path.split("?")[0]) for method, path, _body in fake.requests]
    new_en, new_de = "praxis-practices-en-20261202000000000", "praxis-practices-de-20261202000000000"
    assert calls[:2] == [("PUT", f"/{new_en}"), ("PUT", f"/{new_de}")]
    created = fake.requests[0][2]
    assert created["settings"]["index"] == {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"}
    properties = created["mappings"]["properties"]
    assert created["mappings"]["dynamic"] == "strict"
    assert {name: properties[name]["type"] for name in FACETS} == dict.fromkeys(FACETS, "keyword")
    assert properties["published"] == {"type": "date"} and properties["locations"] == {"type": "geo_point"}
    assert properties["title"] == {"type": "text", "analyzer": "whitespace"}

    bulk = [body for method, path, body in fake.requests if path.split("?")[0] == "/_bulk"]
    lines = [line for body in bulk for line in body]
    actions, sources = lines[0::2], lines[1::2]
    assert {a["index"]["_index"] for a in actions} == {new_en, new_de}
    english = [s for a, s in zip(actions, sources, strict=True) if a["index"]["_index"] == new_en]
    assert sorted(s["page_id"] for s in english) == sorted(page.pk for page in shared_corpus.values())
    bridge = next(s for s in english if s["page_id"] == shared_corpus["bridge"].pk)
    assert bridge["own"] is True and bridge["theme"] == ["job-coaching-placement", "employer-engagement"]
    assert bridge["translation_key"] == str(shared_corpus["bridge"].translation_key)
    assert "refuge" in bridge["body"].split() and "Leipzig" in bridge["passage_en"]

    after = calls[calls.index(("PUT", "/_bulk")) :]
    assert ("PUT", f"/{new_en}/_settings") in after and ("POST", f"/{new_en}/_refresh") in after
    [aliases] = [body for method, path, body in fake.requests if path.split("?")[0] == "/_aliases"]
    assert aliases == {
        "actions": [
            {"remove": {"index": "praxis-practices-en-old", "alias": "praxis-practices-en"}},
            {"add": {"index": new_en, "alias": "praxis-practices-en"}},
            {"remove": {"index": "praxis-practices-de-old", "alias": "praxis-practices-de"}},
            {"add": {"index": new_de, "alias": "praxis-practices-de"}},
        ]
    }
    switched = calls.index(("POST", "/_aliases"))
    assert calls[switched + 1 : switched + 3] == [
        ("DELETE", "/praxis-practices-en-old"),
        ("DELETE", "/praxis-practices-de-old"),
    ]
