"""A page of results ranks only the tiers it reaches, and pages read in turn give the backend's whole order."""

import pytest

from practices.tests.factories import PracticePageFactory
from search.backends import get_backend
from search.engine import run_search
from search.ranking import RankedOrder, analysed
from search.tests.utils import params

pytestmark = pytest.mark.django_db


def test_a_tier_is_read_only_when_the_ones_before_it_are_used_up():
    read = []

    def tiers():
        for tier in ([3, 1], [2], [5, 4]):
            read.append(tier)
            yield tier

    order = RankedOrder(tiers())
    first = next(order.tiers())
    assert first == [3, 1] and read == [[3, 1]]
    assert [pk for tier in order.tiers() for pk in tier] == [3, 1, 2, 5, 4]
    assert [pk for tier in order.tiers() for pk in tier] == [3, 1, 2, 5, 4]  # kept, not asked again
    assert len(read) == 3


@pytest.fixture
def tiered(site_tree):
    """Practices with "coaching" in the title (25) and only in the text (6)."""
    in_title = [
        PracticePageFactory(parent=site_tree.index, title=f"Coaching circle {number:02d}") for number in range(25)
    ]
    in_text = [
        PracticePageFactory(
            parent=site_tree.index,
            title=f"Welcome desk {number}",
            summary="Newcomers meet volunteers; coaching follows " + "later " * number,
        )
        for number in range(6)
    ]
    return in_title, in_text


def test_first_page_ranks_only_the_title_tier(tiered, monkeypatch):
    in_title, _ = tiered
    backend = get_backend()
    tiers_read = []
    original = backend.ranked_tiers

    def counted(query):
        for tier in original(query):
            tiers_read.append(tier)
            yield tier

    monkeypatch.setattr(backend, "ranked_tiers", counted)
    outcome = run_search(params(q="coaching"))
    assert outcome.count == 31  # every match is counted without ranking it
    assert {practice.pk for practice in outcome.results} <= {page.pk for page in in_title}
    assert len(tiers_read) == 1


def test_pages_in_turn_follow_the_whole_ranked_order(tiered):
    in_title, in_text = tiered
    whole = get_backend().ranked_ids(analysed("coaching"))
    shown = []
    for page in (1, 2, 3, 4):
        shown += [practice.pk for practice in run_search(params(q="coaching", page=str(page))).results]
    assert shown == whole
    assert set(shown[:25]) == {page.pk for page in in_title}  # the title tier first
    assert set(shown[25:]) == {page.pk for page in in_text}
