import pytest
from django.urls import reverse

from practices.tests.factories import ContactFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_contact(site_tree):
    page = PracticePageFactory(parent=site_tree.index)
    return ContactFactory(page=page, name="Ada Example", email="ada@example.org", phone="+49 30 0000 11", publish=True)


def reveal_url(contact):
    return reverse("practices:reveal_contact", args=[contact.uuid])


def test_a_person_can_reveal_a_published_contact(client, published_contact):
    response = client.post(reveal_url(published_contact))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="mailto:ada@example.org"' in html and "+49 30 0000 11" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_reveal_needs_a_post_with_a_csrf_token(published_contact):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get(reveal_url(published_contact)).status_code == 405
    assert strict.post(reveal_url(published_contact)).status_code == 403


def test_unpublished_contact_cannot_be_revealed(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index)
    contact = ContactFactory(page=page, publish=False)
    assert client.post(reveal_url(contact)).status_code == 404


def test_contact_of_an_unpublished_practice_cannot_be_revealed(client, published_contact):
    published_contact.page.unpublish()
    assert client.post(reveal_url(published_contact)).status_code == 404


def test_reveals_are_rate_limited_per_client(client, published_contact):
    from practices.views import REVEALS_PER_HOUR

    for _ in range(REVEALS_PER_HOUR):
        assert client.post(reveal_url(published_contact)).status_code == 200
    limited = client.post(reveal_url(published_contact))
    assert limited.status_code == 429
    assert "ada@example.org" not in limited.content.decode()
