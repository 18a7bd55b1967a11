"""Counts, facet counts and sorts are exact however many practices match (no cap on ranked ids)."""

import pytest

from practices.models import PracticePage
from practices.tests.factories import PracticePageFactory
from search.engine import run_search
from search.ranking import ranked_ids
from search.tests.utils import params

pytestmark = pytest.mark.django_db

PRACTICES = 50


@pytest.fixture
def many(site_tree):
    return [
        PracticePageFactory(
            parent=site_tree.index,
            title=f"Coaching practice {number:02d}",
            start_year=1960 + number,
            themes=["mentoring", "employer-engagement"] if number % 2 else ["mentoring"],
        )
        for number in range(PRACTICES)
    ]


def test_every_match_is_counted_past_the_backend_batch(many, settings):
    settings.SEARCH_BATCH_SIZE = 10  # each backend query returns ten ids; the backend asks again
    ranked = ranked_ids("coaching", PracticePage.objects.live())
    assert len(ranked) == len(set(ranked)) == PRACTICES

    outcome = run_search(params(q="coaching", page_size="100", sort="start_year"))
    assert outcome.count == PRACTICES
    assert [practice.title for practice in outcome.results] == [
        f"Coaching practice {number:02d}" for number in reversed(range(PRACTICES))
    ]
    themes = {value.value: value.count for value in next(f for f in outcome.facets if f.name == "theme").values}
    assert themes["mentoring"] == PRACTICES and themes["employer-engagement"] == PRACTICES // 2

    filtered = run_search(params(q="coaching", theme="employer-engagement", page_size="100", sort="title"))
    assert filtered.count == PRACTICES // 2
    assert [practice.title for practice in filtered.results] == [
        f"Coaching practice {number:02d}" for number in range(1, PRACTICES, 2)
    ]
    settings.SEARCH_BATCH_SIZE = 7  # a limit (similar practices ask for a few) is still honoured
    assert ranked_ids("coaching", PracticePage.objects.live(), limit=12) == ranked[:12]
