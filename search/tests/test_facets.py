"""Filtering and disjunctive counting, the same on every database."""

import pytest

from search.engine import run_search
from search.tests.utils import params

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(shared_corpus):
    return shared_corpus


def titles(outcome):
    return sorted(practice.title for practice in outcome.results)


def counts(outcome, facet):
    return {
        item.value: item.count
        for facet_result in outcome.facets
        if facet_result.name == facet
        for item in facet_result.values
    }


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("theme", "employer-engagement", ["Bridge to Work", "German at Work"]),
        ("target_group", "women", ["Mentors for Women"]),
        ("audience", "employment-agencies-job-centres", ["Bridge to Work"]),
        ("country", "AT", ["Recognition Desk"]),
        ("country", "at", ["Recognition Desk"]),
        ("region", "Lower Saxony", ["Mentors for Women"]),
        ("org_type", "municipality", ["Recognition Desk"]),
        ("programme", "esf", ["Bridge to Work"]),
        ("status", "pilot", ["German at Work"]),
        ("decade", "2000", ["Mentors for Women"]),
        ("evidence", "externally_evaluated", ["Mentors for Women"]),
        ("source", "cities_of_migration", ["Local Integration Network"]),
        ("place_size", "small_town", ["Bridge to Work"]),
        ("place_size", "city", ["German at Work", "Local Integration Network"]),
        ("setting", "rural", ["Bridge to Work"]),
        ("setting", "national", ["Recognition Desk"]),
        ("cost", "25k_100k", ["Bridge to Work"]),
        ("cost", "under_25k", ["Mentors for Women"]),
        ("cost", "100k_500k", ["Recognition Desk"]),
    ],
)
def test_each_facet_filters(corpus, facet, value, expected):
    assert titles(run_search(params(**{facet: value}))) == expected


def test_funder_facet_uses_the_organisation_id(corpus):
    outcome = run_search(params())
    funders = {item.label: item for f in outcome.facets if f.name == "funder" for item in f.values}
    esf = funders["European Social Fund"]
    assert esf.count == 2
    assert titles(run_search(params(funder=esf.value))) == ["Bridge to Work", "Recognition Desk"]


def test_values_of_one_facet_combine_with_or_and_facets_with_and(corpus):
    either = run_search(params(theme=["mentoring", "language-for-work"]))
    assert titles(either) == ["German at Work", "Mentors for Women"]
    both = run_search(params(theme=["mentoring", "language-for-work"], region="Bavaria"))
    assert titles(both) == ["German at Work"]


def test_counts_are_disjunctive(corpus):
    outcome = run_search(params(theme="employer-engagement", country="DE"))
    assert titles(outcome) == ["Bridge to Work", "German at Work"]
    # The theme facet ignores its own selection but respects the country: what another theme click adds.
    theme_counts = counts(outcome, "theme")
    assert theme_counts["mentoring"] == 1 and theme_counts["networking-institutions"] == 1
    assert "recognition-qualifications" not in theme_counts  # only in Austria
    # The country facet ignores the country selection but respects the theme.
    assert counts(outcome, "country") == {"DE": 2}
    # Other facets count the full selection.
    assert counts(outcome, "status") == {"running": 1, "pilot": 1}
    selected = [item.value for f in outcome.facets for item in f.selected]
    assert sorted(selected) == ["DE", "employer-engagement"]


def test_unknown_values_are_ignored_and_reported(corpus):
    p = params(theme=["mentoring", "no-such-theme"], country="XX", decade="1999", funder="abc")
    assert p.filters == {"theme": ["mentoring"]}
    assert p.ignored == {"theme": ["no-such-theme"], "country": ["XX"], "funder": ["abc"], "decade": ["1999"]}
    assert titles(run_search(p)) == ["Mentors for Women"]


def test_query_and_facets_together(corpus):
    outcome = run_search(params(q="Leipzig employers", theme="employer-engagement"))
    assert titles(outcome) == ["Bridge to Work"]
    assert counts(outcome, "theme") == {"employer-engagement": 1, "job-coaching-placement": 1}
