"""ETag, Last-Modified, 304s, and a cache that never outlives a change to the practice."""

import pytest
from django.urls import reverse
from django.utils.http import http_date

pytestmark = pytest.mark.django_db


def routes(page):
    return [
        reverse("cards:card", args=[page.slug]),
        reverse("cards:card_json", args=[page.pk]),
        reverse("cards:oembed") + f"?url=http://localhost{page.url}",
    ]


def test_validators_and_304s(client, practice):
    for route in routes(practice):
        response = client.get(route)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=300"
        assert response["Last-Modified"] == http_date(practice.last_published_at.timestamp())
        etag = response["ETag"]
        assert etag.startswith('"') and len(etag) == 34
        assert client.get(route, headers={"if-none-match": etag}).status_code == 304
        assert client.get(route, headers={"if-none-match": '"other"'}).status_code == 200
        not_modified = client.get(route, headers={"if-modified-since": response["Last-Modified"]})
        assert not_modified.status_code == 304
        assert not_modified.content == b""


def test_a_cached_card_costs_one_query_for_the_content_version(client, practice, django_assert_num_queries):
    route = reverse("cards:card", args=[practice.slug])
    client.get(route)
    with django_assert_num_queries(1) as queries:
        assert client.get(route).status_code == 200
    assert "practices_contentversion" in queries.captured_queries[0]["sql"]


def test_unpublishing_drops_the_cached_card_at_once(client, practice, django_assert_num_queries):
    for route in routes(practice):
        assert client.get(route).status_code == 200
    with django_assert_num_queries(1):  # served from the cache after reading the content version
        assert client.get(routes(practice)[0]).status_code == 200
    practice.unpublish()
    for route in routes(practice):
        assert client.get(route).status_code == 404, route


def test_publishing_a_change_refreshes_the_card(client, practice):
    route = reverse("cards:card", args=[practice.slug])
    first = client.get(route)
    practice.title = "Bridge to Work Leipzig and Halle"
    practice.save_revision().publish()
    second = client.get(route)
    assert "Bridge to Work Leipzig and Halle" in second.content.decode()
    assert second["ETag"] != first["ETag"]
    assert client.get(route, headers={"if-none-match": first["ETag"]}).status_code == 200


def test_deleting_drops_the_cached_card(client, practice):
    route = reverse("cards:card_json", args=[practice.pk])
    assert client.get(route).status_code == 200
    practice.delete()
    assert client.get(route).status_code == 404


def test_an_entry_built_while_a_change_lands_is_never_served(practice):
    """The version is read before the database: a build that races a change is stored as stale."""
    from cards import cache as embed_cache
    from practices.changes import record

    def build():
        record([practice.pk])  # an unpublish lands while we render
        return embed_cache.Built(b"old", "text/plain", None, "en")

    assert embed_cache.cached(("race",), build).body == b"old"
    fresh = embed_cache.cached(("race",), lambda: embed_cache.Built(b"new", "text/plain", None, "en"))
    assert fresh.body == b"new"


def test_an_unpublish_in_another_worker_reaches_this_one(client, practice):
    """Another process changes the practice and raises the version; this process's own cache is untouched."""
    from practices.changes import record
    from practices.models import PracticePage

    route = reverse("cards:card", args=[practice.slug])
    assert client.get(route).status_code == 200
    PracticePage.objects.filter(pk=practice.pk).update(live=False)  # no signals fire in this process
    assert client.get(route).status_code == 200  # still the cached card: nothing told us yet
    record([practice.pk])  # what the other worker's signal does
    assert client.get(route).status_code == 404


def test_a_restriction_swap_reaches_a_worker_without_a_shared_cache(client, site_tree):
    """Another worker (own LRU, own per-process cache) sees a swap that keeps the number of restrictions."""
    from django.core.cache.backends.locmem import LocMemCache
    from wagtail.models import PageViewRestriction

    from cards.cache import Built, CardCache
    from cards.tests.factories import card_practice
    from practices.models import PracticePage

    shown, hidden = card_practice(site_tree.index), card_practice(site_tree.index, title="Other", slug="other")
    old = PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    other = CardCache(store=LocMemCache("another-worker", {}))

    def card(page):
        def build():
            public = PracticePage.objects.live().public().filter(pk=page.pk).exists()
            return Built(page.title.encode(), "text/plain", None, "en") if public else None

        return other.cached(("card", page.pk), build)

    assert card(shown) is not None and card(hidden) is None
    assert client.get(reverse("cards:card", args=[shown.slug])).status_code == 200  # this worker caches it too
    old.delete()
    PageViewRestriction.objects.create(page=shown, restriction_type=PageViewRestriction.LOGIN)
    assert card(shown) is None and card(hidden) is not None
    assert client.get(reverse("cards:card", args=[shown.slug])).status_code == 404
