"""German pages in German: region names, counts that agree, German practices first, redirects, lang marks."""

import pytest
from wagtail.models import Locale

from practices.localize import translate_page
from practices.tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def german():
    return Locale.objects.get(language_code="de")


@pytest.fixture
def practices(site_tree, german):
    """Two English practices, one of them translated into German (in Saxony, Leipzig)."""
    english_only = PracticePageFactory(parent=site_tree.index, title="Career connect", slug="career-connect")
    translated = PracticePageFactory(parent=site_tree.index, title="Skills passport", slug="skills-passport")
    translated_de, _ = translate_page(translated, german, lambda page: setattr(page, "title", "Kompetenzpass"))
    newest = PracticePageFactory(parent=site_tree.index, title="Newest English", slug="newest-english")
    return english_only, translated_de, newest


def test_region_names_are_german_on_german_pages(client, practices):
    _, translated_de, _ = practices
    html = client.get(translated_de.url).content.decode()
    assert "Leipzig, Sachsen, Deutschland" in html
    index = client.get("/de/practices/").content.decode()
    assert "Sachsen" in index
    assert ">Saxony<" not in index
    english = client.get("/en/practices/skills-passport/").content.decode()
    assert "Leipzig, Saxony, Germany" in english


def test_home_page_counts_agree_with_the_practice_index(client, practices):
    home = client.get("/de/").content.decode()
    index = client.get("/de/practices/").content.decode()
    assert "3 Praxisbeispiele" in home
    assert "3 Praxisbeispiele" in index


def test_german_practices_come_first_unless_another_sort_is_chosen(client, practices):
    html = client.get("/de/practices/").content.decode()
    assert html.index("Kompetenzpass") < html.index("Newest English")
    by_title = client.get("/de/practices/?sort=title").content.decode()
    assert by_title.index("Career connect") < by_title.index("Kompetenzpass")


def test_english_fallbacks_on_german_pages_are_marked_english(client, practices):
    html = client.get("/de/practices/").content.decode()
    assert '<article class="practice-card" lang="en">' in html
    assert html.count('<article class="practice-card">') == 1  # the German one carries the page's language


def test_german_address_of_an_english_only_practice_leads_to_it(client, practices):
    response = client.get("/de/practices/career-connect/")
    assert response.status_code == 302
    assert response["Location"] == "/en/practices/career-connect/?from=de"
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in html
    assert '<p class="notice" role="status" lang="de">' in html
    assert "noch nicht übersetzt" in html
    assert client.get("/de/practices/no-such-practice/").status_code == 404
