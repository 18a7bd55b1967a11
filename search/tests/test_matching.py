"""What practitioners mean: labels in every language, title above labels above text, partial matches,
spelling suggestions in the API, empty results that say what to change."""

import pytest
from wagtail.models import Locale

from search.engine import run_search
from search.tests.factories import make_practice
from search.tests.utils import params

pytestmark = pytest.mark.django_db


def titles(outcome) -> list[str]:
    return [practice.title for practice in outcome.results]


def test_labels_are_searched_in_every_language(shared_corpus):
    german = Locale.objects.get(language_code="de")
    # English-only practices, found on the German site through the German label of their theme ...
    assert set(titles(run_search(params(q="Arbeitgeberansprache"), german))) == {"Bridge to Work", "German at Work"}
    # ... and on the English site by the German label, and the English label on the German site.
    assert set(titles(run_search(params(q="Arbeitgeberansprache")))) == {"Bridge to Work", "German at Work"}
    assert titles(run_search(params(q="One-stop advice"), german)) == ["Recognition Desk"]
    # Places and organisations, with their German names.
    assert titles(run_search(params(q="Wien"), german)) == ["Recognition Desk"]
    assert titles(run_search(params(q="Österreich"), german)) == ["Recognition Desk"]


MINE = ("Mentoring circle", "Tagged only", "Plain story")


def test_title_ranks_above_label_above_text(site_tree):
    make_practice(site_tree.index, "Plain story", summary="Volunteers talk about mentoring at lunch.", themes=())
    make_practice(site_tree.index, "Tagged only", summary="Volunteers meet newcomers.", themes=("mentoring",))
    make_practice(site_tree.index, "Mentoring circle", summary="Volunteers meet newcomers.", themes=())
    found = [title for title in titles(run_search(params(q="mentoring"))) if title in MINE]
    assert found == ["Mentoring circle", "Tagged only", "Plain story"]


def test_partial_matches_follow_with_a_line_that_says_so(shared_corpus):
    outcome = run_search(params(q="mentors internships Hannover"))
    # No practice has all three words; "Mentors for Women" has two of them (mentors, Hannover).
    assert outcome.partial and outcome.complete_count == 0
    assert titles(outcome)[0] == "Mentors for Women"
    whole = run_search(params(q="mentors Hannover"))
    assert titles(whole) == ["Mentors for Women"] and not whole.partial


def test_stop_words_are_ignored(shared_corpus):
    assert titles(run_search(params(q="the recognition of the qualifications"))) == ["Recognition Desk"]


def test_phrases_are_honoured(shared_corpus):
    assert titles(run_search(params(q='"foreign qualifications"'))) == ["Recognition Desk"]
    assert titles(run_search(params(q='"qualifications foreign"'))) == []


def test_api_suggests_a_spelling_from_the_index(client, shared_corpus):
    data = client.get("/api/search/", {"q": "recogniton"}).json()
    assert data["count"] == 0
    assert data["did_you_mean"] == {"q": "recognition", "count": 1}
    assert client.get("/api/search/", {"q": "recognition"}).json()["did_you_mean"] is None
    schema = client.get("/api/openapi.json").json()
    properties = schema["components"]["schemas"]["SearchResponse"]["properties"]
    assert "did_you_mean" in properties and "partial" in properties and "complete_count" in properties
    assert "spelling" in str(properties["did_you_mean"]).lower()


def test_an_empty_result_keeps_facets_and_names_what_to_change(client, shared_corpus, site_tree):
    html = client.get(site_tree.index.url, {"q": "mentoring", "status": "pilot"}).content.decode()
    assert "No practice matches “mentoring” with these filters." in html
    assert 'value="mentoring"' in html  # the search box keeps the query
    assert '<fieldset class="facet" id="facet-theme">' in html  # facets stay
    assert "Without “Status: Pilot”: 1 practice" in html
    assert "Without the search words “mentoring”: 1 practice" in html
    only_query = client.get(site_tree.index.url, {"q": "zeppelin"}).content.decode()
    assert "No practice matches “zeppelin”." in only_query and "filters" not in only_query.split("search-empty")[1]


def test_documents_follow_publishing(site_tree):
    page = make_practice(site_tree.index, "Harbour pilots", summary="Newcomers steer boats.")
    assert titles(run_search(params(q="harbour"))) == ["Harbour pilots"]
    page.title = "Lighthouse keepers"
    page.save_revision()  # a draft is not searchable
    assert titles(run_search(params(q="lighthouse"))) == []
    page.get_latest_revision().publish()
    assert titles(run_search(params(q="lighthouse"))) == ["Lighthouse keepers"]
    page.delete()
    assert titles(run_search(params(q="lighthouse"))) == []
