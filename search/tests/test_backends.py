"""Search backends: the index stays current, and the cluster backends get the fields and filters they need."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from practices.models import PracticePage
from search.analysis import analyse_query
from search.backends import backend_module_name, elasticsearch, get_backend, postgres, sqlite
from search.ranking import query_terms
from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_query_terms_are_plain_words():
    # Stop words ("and") are dropped; operators and punctuation are only separators.
    assert query_terms('"refugees" AND NEAR(women* -job_centre 🙂') == ["refugees", "near", "women", "job", "centre"]
    assert query_terms("x" * 10_000) == ["x" * 40]
    assert len(query_terms("ab bc cd de ef fg gh hi ij jk kl")) == 8


def test_every_stem_reaches_a_backend_quoted():
    query = analyse_query('near OR "NOT" * ^col: women\'s {title}: -job_centre')
    expression = sqlite.match_expression(query)
    unquoted = expression
    for stem in query.all_stems():
        unquoted = unquoted.replace(f'"{stem}"', "")
    assert set(unquoted) <= set("()ANDOR ")
    ts = postgres.tsquery(query)
    for stem in query.all_stems():
        ts = ts.replace(f"'{stem}'", "")
    assert set(ts) <= set("()&|<-> ")


def test_backend_module_follows_settings_and_database():
    expected = {"sqlite": "search.backends.sqlite", "postgresql": "search.backends.postgres"}[connection.vendor]
    assert backend_module_name() == expected
    with override_settings(PRAXIS_SEARCH_BACKEND="search.backends.elasticsearch"):
        assert backend_module_name() == "search.backends.elasticsearch"
    assert type(get_backend()).__module__ == expected


def test_update_index_rebuilds_and_keeps_results(client, shared_corpus, site_tree):
    call_command("refresh_search", verbosity=0)
    data = client.get("/api/search/", {"q": "internships Leipzig"}).json()
    assert [r["title"] for r in data["results"]] == ["Bridge to Work"]


def test_edits_are_searchable_once_published(client, shared_corpus, site_tree):
    page = shared_corpus["language"]
    page.summary = "Language courses on construction sites."
    page.save_revision().publish()
    assert [r["title"] for r in client.get("/api/search/", {"q": "construction"}).json()["results"]] == [
        "German at Work"
    ]


def test_every_backend_stems_by_language(client, site_tree):
    make_practice(site_tree.index, "Volunteer interpreters", summary="Volunteers interpreted at job interviews.")
    # English stemming: "interpreting" and "interpreted" share the stem "interpret".
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


def test_cluster_query_requires_every_word_and_never_parses_text():
    body = elasticsearch.query_body(analyse_query('refugees "mentoring AND job coaching" OR*'))
    assert len(body["bool"]["must"]) == 2  # refugees and the phrase; "or" and "and" are stop words
    text = str(body)
    assert "query_string" not in text and "simple_query_string" not in text
    assert "'type': 'phrase'" in text and "'query': 'refuge'" in text


def test_german_pages_are_stemmed_in_german(client, shared_corpus):
    from wagtail.models import Locale

    german = shared_corpus["language"].copy_for_translation(Locale.objects.get(language_code="de"))
    german.title = "Deutsch im Betrieb"
    german.summary = "Sprachkurse direkt in kleinen Betrieben, gemeinsam mit den Arbeitgebern."
    german.save_revision().publish()
    # German stemming: "Arbeitgeber" finds "Arbeitgebern"; the English config would not.
    data = client.get("/api/search/", {"q": "Arbeitgebern Sprachkurs", "lang": "de"}).json()
    assert [r["title"] for r in data["results"]] == ["Deutsch im Betrieb"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner settings: PostgreSQL only")
def test_postgres_match_leaves_the_callers_planner_settings_alone(site_tree):
    """Matches are read with sequential scans off; inside a caller's transaction (this test's) that ends
    with the query."""
    page = make_practice(site_tree.index, "Harbour pilots", summary="Dock apprenticeships for newcomers.")
    with connection.cursor() as cursor:
        assert get_backend().matched_ids(analyse_query("harbour")) == [page.pk]
        assert [pk for tier in get_backend().ranked_tiers(analyse_query("dock")) for pk in tier] == [page.pk]
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
