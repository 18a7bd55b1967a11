"""Search backends: the index stays current, and the cluster backends get the fields and filters they need."""

import pytest
from django.core.management import call_command
from django.db import connection
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from practices.models import PracticePage
from search.ranking import cluster_query_body, fts5_match_expression, query_terms
from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_query_terms_are_plain_words():
    assert query_terms('"refugees" AND NEAR(women* -job_centre 🙂') == [
        "refugees",
        "and",
        "near",
        "women",
        "job",
        "centre",
    ]
    assert query_terms("x" * 10_000) == ["x" * 40]
    assert len(query_terms("a b c d e f g h i j k")) == 8
    assert fts5_match_expression(["near", "or"]) == '{title body}: ("near" AND "or")'


def test_update_index_rebuilds_and_keeps_results(client, shared_corpus, site_tree):
    call_command("refresh_search", verbosity=0)
    data = client.get("/api/search/", {"q": "internships"}).json()
    assert [r["title"] for r in data["results"]] == ["Bridge to Work"]


def test_edits_are_searchable_once_published(client, shared_corpus, site_tree):
    page = shared_corpus["language"]
    page.summary = "Language courses on construction sites."
    page.save_revision().publish()
    assert [r["title"] for r in client.get("/api/search/", {"q": "construction"}).json()["results"]] == [
        "German at Work"
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="per-language text search configs are PostgreSQL only")
def test_postgresql_stems_by_language(client, site_tree):
    make_practice(site_tree.index, "Volunteer interpreters", summary="Volunteers interpreted at job interviews.")
    # English stemming: "interpreting" and "interpreted" share the stem "interpret"; SQLite FTS5 has no stemming.
    assert [r["title"] for r in client.get("/api/search/", {"q": "interpreting"}).json()["results"]] == [
        "Volunteer interpreters"
    ]


def _cluster_backend():
    return Elasticsearch9SearchBackend({"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "praxis_test_"})


def test_cluster_mapping_has_the_fields_search_needs():
    mapping = _cluster_backend().get_index_for_model(PracticePage).mapping_class(PracticePage).get_mapping()
    properties = str(mapping)
    for field in (
        "live_filter",
        "locale_id_filter",
        "themes_filter",
        "target_groups_filter",
        "status_filter",
        "start_year_filter",
        "evidence_level_filter",
        "summary",
        "approach",
        "_all_text",
    ):
        assert field in properties, field


def test_cluster_query_body_searches_words_of_live_pages():
    body = cluster_query_body(_cluster_backend(), query_terms('refugees "mentoring'))
    text = str(body)
    assert "refugees mentoring" in text and "'operator': 'and'" in text
    assert "live_filter" in text and "True" in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="per-language text search configs are PostgreSQL only")
def test_postgresql_indexes_german_pages_with_the_german_config(client, shared_corpus):
    from wagtail.models import Locale

    german = shared_corpus["language"].copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = "Deutsch im Betrieb"
    german.summary = "Sprachkurse direkt in kleinen Betrieben, gemeinsam mit den Arbeitgebern."
    german.save_revision().publish()
    # German stemming: "Arbeitgeber" finds "Arbeitgebern"; the English config would not.
    data = client.get("/api/search/", {"q": "Arbeitgeber", "lang": "de"}).json()
    assert [r["title"] for r in data["results"]] == ["Deutsch im Betrieb"]
