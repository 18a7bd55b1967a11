"""Moving between languages: switcher targets, hreflang and canonical links, sitemap, the `/` redirect."""

import re

import pytest
from wagtail.models import Locale

from practices.localize import translate_page
from practices.tests.factories import ContactFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def _switcher(html: str) -> dict[str, str]:
    """Language code -> link target of the language switcher ("" for the current language)."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    links = dict(re.findall(r'<a href="([^"]*)" lang="(\w+)"', nav))
    targets = {code: url.replace("&amp;", "&") for url, code in links.items()}
    targets.update(dict.fromkeys(re.findall(r'<span aria-current="true" lang="(\w+)"', nav), ""))
    return targets


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))


def _canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]+)"', html)


@pytest.fixture
def translated(site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work")
    german = Locale.objects.get(language_code="de")
    page_de, _ = translate_page(page, german, lambda p: setattr(p, "title", "Brücke in Arbeit"))
    return page, page_de


def test_switcher_goes_to_the_same_practice_in_the_other_language(client, translated):
    page, page_de = translated
    assert _switcher(client.get(page.url).content.decode()) == {"en": "", "de": "/de/practices/bridge-to-work/"}
    assert _switcher(client.get(page_de.url).content.decode()) == {"en": "/en/practices/bridge-to-work/", "de": ""}


def test_switcher_goes_to_the_index_with_a_note_when_the_practice_is_not_translated(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="Only in English")
    target = _switcher(client.get(page.url).content.decode())["de"]
    assert target == "/de/practices/?from=untranslated"

    html = client.get(target).content.decode()
    assert "Dieses Praxisbeispiel gibt es noch nicht auf Deutsch." in html
    assert "Dieses Praxisbeispiel" not in client.get("/de/practices/").content.decode()


def test_switcher_keeps_search_and_filters_but_not_the_page_number(client, site_tree):
    html = client.get("/en/practices/", {"q": "mentoring", "theme": "mentoring", "page": "2"}).content.decode()
    assert _switcher(html)["de"] == "/de/practices/?q=mentoring&theme=mentoring"


def test_switcher_on_pages_outside_wagtail(client, site_tree):
    html = client.get("/en/no-such-page/").content.decode()
    assert _switcher(html)["de"] == "/de/no-such-page/"
    practice = PracticePageFactory(parent=site_tree.index)
    contact = ContactFactory(page=practice, publish=True)
    html = client.post(f"/en/contacts/{contact.uuid}/reveal/").content.decode()
    assert _switcher(html)["de"] == "/de/"  # the answer to a post cannot be fetched in German


def test_hreflang_alternates_x_default_and_canonical(client, translated):
    page, page_de = translated
    html = client.get(page_de.url).content.decode()
    assert _alternates(html) == {
        "en": "http://localhost/en/practices/bridge-to-work/",
        "de": "http://localhost/de/practices/bridge-to-work/",
        "x-default": "http://localhost/en/practices/bridge-to-work/",
    }
    assert _canonical(html) == ["http://localhost/de/practices/bridge-to-work/"]


def test_untranslated_practice_has_only_its_own_alternate(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="Only in English")
    html = client.get(page.url).content.decode()
    assert _alternates(html) == {
        "en": "http://localhost/en/practices/only-in-english/",
        "x-default": "http://localhost/en/practices/only-in-english/",
    }


@pytest.mark.parametrize("path", ["/en/", "/de/", "/en/practices/", "/de/practices/?page=2"])
def test_every_page_has_one_canonical_link_and_alternates(client, site_tree, path):
    html = client.get(path).content.decode()
    assert len(_canonical(html)) == 1
    assert set(_alternates(html)) == {"en", "de", "x-default"}
    assert "?" not in _canonical(html)[0]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("de-DE,de;q=0.9,en;q=0.8", "/de/"), ("en-GB,en;q=0.9", "/en/"), ("fr-FR,fr;q=0.9", "/en/"), ("", "/en/")],
)
def test_root_redirects_to_the_preferred_available_language(client, site_tree, accept, expected):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_sitemap_lists_both_languages_with_alternates(client, translated):
    page, page_de = translated
    PracticePageFactory(parent=page.get_parent(), title="Only in English")
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert set(locations) == {
        "http://localhost/en/",
        "http://localhost/de/",
        "http://localhost/en/practices/",
        "http://localhost/de/practices/",
        "http://localhost/en/practices/bridge-to-work/",
        "http://localhost/de/practices/bridge-to-work/",
        "http://localhost/en/practices/only-in-english/",
    }
    assert '<xhtml:link rel="alternate" hreflang="de" href="http://localhost/de/practices/bridge-to-work/"/>' in xml
    only = xml.split("<loc>http://localhost/en/practices/only-in-english/</loc>")[1].split("</url>")[0]
    assert "xhtml:link" not in only


def test_sitemap_leaves_out_drafts_in_any_language(client, translated):
    page, page_de = translated
    page_de.unpublish()
    xml = client.get("/sitemap.xml").content.decode()
    assert "/de/practices/bridge-to-work/" not in xml
    assert "/en/practices/bridge-to-work/" in xml
