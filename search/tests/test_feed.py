"""The facet index follows the content version: every worker, the next request, incrementally."""

import threading

import pytest
from django.db import connection
from django.test import TestCase
from wagtail.models import Locale, PageViewRestriction

from practices.models import PracticePage
from search.engine import run_search
from search.facet_index import WorkerFacetIndex, build, worker
from search.tests.factories import make_practice
from search.tests.utils import params

pytestmark = pytest.mark.django_db


def snapshot(index) -> dict:
    """What searches read from an index, independent of bit positions."""
    locales = list(Locale.objects.values_list("pk", flat=True))

    def ids(bits):
        return sorted(index.filter_ids([pk for pk in index.ids if pk is not None], bits))

    return {
        "postings": {
            name: {value: ids(bits) for value, bits in postings.items() if bits}
            for name, postings in index.postings.items()
        },
        "orders": index.orders,
        "candidates": {locale: ids(index.candidates(locale)) for locale in locales},
    }


def test_changes_are_applied_incrementally_and_match_a_rebuild(corpus, site_tree):
    other = WorkerFacetIndex()  # another worker process, with its own memory
    assert other.get().version == worker.get().version
    builds = other.builds
    bridge, mentors = corpus["bridge"], corpus["mentors"]

    make_practice(site_tree.index, "Start-up Support", themes=("mentoring",), places=(("Graz", "Styria", "AT"),))
    bridge.start_year, bridge.title = 1999, "Aardvark Bridge"
    bridge.save_revision().publish()
    mentors.unpublish()
    translation = corpus["language"].copy_for_translation(Locale.objects.get(language_code="de"))
    translation.title = "Deutsch am Arbeitsplatz"
    translation.save_revision().publish()
    PageViewRestriction.objects.create(page=corpus["recognition"], restriction_type=PageViewRestriction.LOGIN)

    index = other.get()
    assert other.builds == builds and other.updates >= 1  # applied, not rebuilt
    assert snapshot(index) == snapshot(build())
    assert mentors.pk not in index.bit and corpus["recognition"].pk not in index.bit
    assert index.orders["title"][0] == bridge.pk and index.orders["start_year"][-2] == bridge.pk


def test_an_update_carries_the_position_table_over_with_the_changes(corpus, site_tree):
    """The id -> position table is copied and patched, not rebuilt: it must agree with the new positions."""
    other = WorkerFacetIndex()
    before = other.get()
    before.bits_of([])  # builds the table, as the first search does
    bridge, mentors = corpus["bridge"], corpus["mentors"]
    added = make_practice(site_tree.index, "Start-up Support", themes=("mentoring",))
    bridge.title = "Bridge to Work, renewed"
    bridge.save_revision().publish()
    mentors.unpublish()

    index = other.get()
    assert index is not before and other.updates >= 1 and index._table is not None
    table = index._table
    assert {pk: int(table[pk]) for pk in index.bit} == index.bit
    assert table[mentors.pk] == -1 and index.bit[added.pk] == len(index.ids) - 1
    assert index.bit[bridge.pk] != before.bit[bridge.pk]  # re-added at a new position
    assert snapshot(index) == snapshot(build())


def test_a_private_practice_leaves_search_in_every_worker_at_the_next_request(client, corpus):
    """Two workers without a shared cache; a restriction swap that keeps the number of restrictions."""
    other = WorkerFacetIndex()
    bridge, mentors = corpus["bridge"], corpus["mentors"]
    old = PageViewRestriction.objects.create(page=mentors, restriction_type=PageViewRestriction.LOGIN)
    assert bridge.pk in other.get().bit and bridge.pk in worker.get().bit
    assert mentors.pk not in other.get().bit

    old.delete()
    PageViewRestriction.objects.create(page=bridge, restriction_type=PageViewRestriction.LOGIN)

    for index in (other.get(), worker.get()):
        assert bridge.pk not in index.bit and mentors.pk in index.bit
    assert client.get("/api/search/", {"q": "Bridge"}).json()["count"] == 0
    assert "Bridge to Work" not in client.get("/en/practices/").content.decode()
    assert client.get("/api/search/", {"q": "Mentors"}).json()["count"] == 1


def test_a_search_after_a_publish_does_not_rebuild(corpus, site_tree):
    run_search(params())
    builds = worker.builds
    make_practice(site_tree.index, "Fresh Practice", themes=("mentoring",))
    outcome = run_search(params(theme="mentoring"))
    assert "Fresh Practice" in [practice.title for practice in outcome.results]
    assert worker.builds == builds


def test_everything_changed_rebuilds_once(corpus, site_tree):
    worker.get()
    builds = worker.builds
    PageViewRestriction.objects.create(page=site_tree.index, restriction_type=PageViewRestriction.LOGIN)
    from practices.changes import record

    record(everything=True)
    assert worker.get().ids == [] and worker.builds == builds + 1
    worker.get()
    assert worker.builds == builds + 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_rebuild_once(site_tree):
    """Requests that wait for a rebuild take a second look instead of rebuilding again."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        make_practice(site_tree.index, "Bridge to Work")
    fresh = WorkerFacetIndex()
    results, start = [], threading.Barrier(4)

    def request():
        try:
            start.wait()
            results.append(fresh.get())
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and len({id(index) for index in results}) == 1
    assert fresh.builds == 1


def test_unpublished_practice_is_not_a_candidate_for_similar(corpus):
    """Similar practices are computed from the facet index: it must already be current."""
    from search.similar import compute_similar

    corpus["language"].unpublish()
    similar = compute_similar(PracticePage.objects.get(pk=corpus["bridge"].pk))
    assert corpus["language"].pk not in [pk for pk, _ in similar]
