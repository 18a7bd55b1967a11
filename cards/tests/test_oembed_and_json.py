"""oEmbed provider and JSON card, compared with committed expected files (ids and times normalised).

Regenerate the files after an intended change with ``EMBEDS_UPDATE_EXPECTED=1 pytest cards``.
"""

import json
import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTED = Path(__file__).with_name("expected")


def normalise(data, page_ids):
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    text = re.sub(r'"last_published_at": "[^"]+"', '"last_published_at": "<datetime>"', text)
    for name, pk in page_ids.items():
        text = re.sub(rf'"id": {pk}\b', f'"id": "<{name}>"', text)
    return text + "\n"


def assert_expected(name, data, page_ids):
    text = normalise(data, page_ids)
    path = EXPECTED / name
    if os.environ.get("EMBEDS_UPDATE_EXPECTED"):
        path.write_text(text)
    assert text == path.read_text()


def oembed(client, url, **params):
    return client.get(reverse("cards:oembed"), {"url": url, **params})


def test_oembed_json_matches_the_expected_file(client, practice):
    response = oembed(client, practice.full_url, format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert_expected("oembed.json", response.json(), {"practice": practice.pk})


def test_oembed_json_of_a_translation(client, practice, practice_de):
    data = oembed(client, practice_de.full_url).json()
    assert data["title"] == "Brücke in Arbeit Leipzig"
    assert "/embed/practices/bridge-to-work-leipzig/?lang=de" in data["html"]


def test_oembed_xml(client, practice):
    response = oembed(client, practice.full_url, format="xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "oembed"
    fields = {child.tag: child.text for child in root}
    assert fields == {key: str(value) for key, value in oembed(client, practice.full_url).json().items()}


def test_oembed_respects_maxwidth_and_maxheight(client, practice):
    data = oembed(client, practice.full_url, maxwidth=300, maxheight=200).json()
    assert (data["width"], data["height"]) == (300, 200)
    assert 'width="300" height="200"' in data["html"]
    wide = oembed(client, practice.full_url, maxwidth=5000).json()
    assert wide["width"] == 480


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"format": "yaml"}, 501),
        ({"maxwidth": "wide"}, 400),
        ({"maxheight": "-3"}, 400),
    ],
)
def test_oembed_bad_input(client, practice, params, status):
    assert oembed(client, practice.full_url, **params).status_code == status


def test_oembed_needs_a_url(client, practice):
    response = client.get(reverse("cards:oembed"))
    assert response.status_code == 400
    assert response.content.decode() == "The url parameter is required."


def test_oembed_title_is_escaped_in_the_html(client, site_tree):
    from cards.tests.factories import card_practice

    page = card_practice(site_tree.index, title='"><script>alert(1)</script>', slug="quoted")
    data = oembed(client, page.full_url).json()
    assert "<script>" not in data["html"]
    assert 'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in data["html"]


def test_practice_pages_carry_absolute_discovery_links(client, practice, practice_de):
    for page in (practice, practice_de):
        html = client.get(page.url).content.decode()
        match = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
        assert match, page.url
        href = match.group(1).replace("&amp;", "&")
        assert href.startswith("http://testserver/oembed/?url=")
        data = client.get(href).json()
        assert data["title"] == page.title
        assert 'type="text/xml+oembed"' in html


def test_json_card_matches_the_expected_file_and_has_no_contacts(client, practice):
    response = client.get(reverse("cards:card_json", args=[practice.pk]))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Secret Person" not in response.content.decode()
    assert "secret.person" not in response.content.decode()
    assert_expected("card.json", response.json(), {"practice": practice.pk})


def test_json_card_in_german(client, practice, practice_de):
    data = client.get(reverse("cards:card_json", args=[practice.pk]), {"lang": "de"}).json()
    assert data["id"] == practice_de.pk
    assert data["title"] == "Brücke in Arbeit Leipzig"
    assert data["target_groups"] == [{"slug": "refugees", "name": "Geflüchtete und Schutzberechtigte"}]
    assert data["language"] == "de"


def test_json_card_cors_preflight_and_errors(client, practice):
    url = reverse("cards:card_json", args=[practice.pk])
    preflight = client.options(url, headers={"origin": "https://partner.example"})
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    bad = client.get(url, {"lang": "xx"})
    assert bad.status_code == 400 and bad.json() == {"error": "lang must be one of: en, de."}
    missing = client.get(reverse("cards:card_json", args=[practice.pk + 1000]))
    assert missing.status_code == 404 and missing["Access-Control-Allow-Origin"] == "*"
    assert client.post(url).status_code == 405
