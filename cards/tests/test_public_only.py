"""Only live, public practices can be embedded: everything else is a 404 on every embed route."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cards.tests.factories import card_practice

pytestmark = pytest.mark.django_db


def embed_routes(page, url):
    return [
        reverse("cards:card", args=[page.slug]),
        reverse("cards:card", args=[page.pk]),
        reverse("cards:card_json", args=[page.pk]),
        reverse("cards:oembed") + f"?url={url}&format=json",
        reverse("cards:oembed") + f"?url={url}&format=xml",
    ]


def _draft(page, site_tree):
    page.unpublish()
    draft = card_practice(site_tree.index, title="Never published", slug="never-published")
    draft.unpublish()
    return draft


def _unpublished(page, site_tree):
    page.unpublish()
    return page


def _private(page, site_tree):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return page


def _private_section(page, site_tree):
    PageViewRestriction.objects.create(page=site_tree.index, restriction_type=PageViewRestriction.LOGIN)
    return page


def _deleted(page, site_tree):
    page.delete()
    return page


@pytest.mark.parametrize("make_hidden", [_draft, _unpublished, _private, _private_section, _deleted])
def test_non_public_practices_are_not_found(client, site_tree, make_hidden):
    page = card_practice(site_tree.index)
    url = "http://localhost" + page.url
    for route in embed_routes(page, url):
        assert client.get(route).status_code == 200, route  # and each route is cached now
    hidden = make_hidden(page, site_tree)
    for route in embed_routes(hidden, url):
        response = client.get(route)
        assert response.status_code == 404, route
        assert "Bridge to Work" not in response.content.decode()


@pytest.mark.parametrize(
    "route",
    [
        "/embed/practices/999999/",
        "/embed/practices/no-such-practice/",
        "/embed/practices/%3Cscript%3E/",
        "/api/practices/999999/card/",
        "/oembed/?url=http://localhost/en/practices/no-such-practice/",
        "/oembed/?url=http://localhost/en/",
        "/oembed/?url=https://elsewhere.example/en/practices/bridge-to-work-leipzig/",
        "/oembed/?url=javascript:alert(1)",
        "/oembed/?url=http://[::1",
    ],
)
def test_unknown_things_are_not_found(client, site_tree, route):
    card_practice(site_tree.index)
    assert client.get(route).status_code == 404


def test_other_page_types_are_not_practices(client, site_tree):
    assert client.get(f"/embed/practices/{site_tree.index.pk}/").status_code == 404
    assert client.get(f"/api/practices/{site_tree.home.pk}/card/").status_code == 404
