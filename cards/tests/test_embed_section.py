"""Each practice page offers its three snippets, a preview, in the page's language."""

import html as html_lib
import re

import pytest

pytestmark = pytest.mark.django_db


def snippets(page_html):
    return {
        name: html_lib.unescape(value)
        for name, value in re.findall(r'<textarea id="embed-(\w+)"[^>]*>(.*?)</textarea>', page_html, re.S)
    }


def test_practice_page_offers_the_three_snippets_and_a_preview(client, practice):
    page_html = client.get(practice.url).content.decode()
    assert "Embed this practice" in page_html
    found = snippets(page_html)
    assert set(found) == {"page", "iframe", "script"}
    # WordPress and Wagtail users paste the page's address; the oEmbed endpoint is for developers.
    assert found["page"] == practice.full_url
    assert "http://testserver/oembed/?url=" in page_html
    assert 'src="http://testserver/embed/practices/bridge-to-work-leipzig/?lang=en"' in found["iframe"]
    assert 'height="359"' in found["iframe"]
    assert found["script"] == (
        f'<a href="{practice.full_url}" data-praxis-practice="bridge-to-work-leipzig" data-lang="en">'
        "Bridge to Work Leipzig</a>\n"
        '<script src="http://testserver/embed.js" async></script>'
    )
    assert page_html.count('data-copy="embed-') == 3
    assert page_html.count('role="tab"') == 3
    preview = re.search(r'<div class="embed-this__preview">(.*?)</div>', page_html, re.S).group(1)
    assert "<iframe" in preview and "data-praxis-card" in preview
    # Each snippet works: the oEmbed answers for the page address and the card address renders.
    assert client.get("/oembed/", {"url": found["page"]}).status_code == 200
    assert client.get("/embed/practices/bridge-to-work-leipzig/?lang=en").status_code == 200


def test_the_german_page_embeds_the_german_card(client, practice, practice_de):
    page_html = client.get(practice_de.url).content.decode()
    found = snippets(page_html)
    assert 'data-lang="de"' in found["script"]
    assert "?lang=de" in found["iframe"]
    assert "/de/practices/" in found["page"]


def test_private_practices_offer_no_embed(client, practice, django_user_model):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=practice, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "pw"))
    page_html = client.get(practice.url).content.decode()
    assert "Bridge to Work Leipzig" in page_html
    assert "Embed this practice" not in page_html
    assert "application/json+oembed" not in page_html
