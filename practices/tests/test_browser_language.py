"""A reader switches language on a practice page in a real browser (headless Chromium)."""

import pytest
from wagtail.models import Locale

from practices.localize import translate_page
from practices.tests.factories import PracticePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_reader_switches_a_practice_to_german_and_back(live_server, browser_page):
    from practices.demo.loader import ensure_site_structure

    _home, index = ensure_site_structure()
    practice = PracticePageFactory(parent=index, title="Bridge to Work")
    german = Locale.objects.get(language_code="de")
    translate_page(practice, german, lambda page: setattr(page, "title", "Brücke in Arbeit"))
    untranslated = PracticePageFactory(parent=index, title="Only in English")

    browser_page.goto(f"{live_server.url}{practice.url}")
    assert browser_page.locator("h1").inner_text().startswith("Bridge to Work")
    browser_page.locator(".language-switcher a[lang=de]").click()
    browser_page.wait_for_url("**/de/practices/bridge-to-work/")
    assert browser_page.locator("html").get_attribute("lang") == "de"
    assert browser_page.locator("h1").inner_text().startswith("Brücke in Arbeit")
    assert browser_page.get_by_text("Eckdaten").is_visible()

    browser_page.locator(".language-switcher a[lang=en]").click()
    browser_page.wait_for_url("**/en/practices/bridge-to-work/")
    assert browser_page.locator("h1").inner_text().startswith("Bridge to Work")

    browser_page.goto(f"{live_server.url}{untranslated.url}")
    browser_page.locator(".language-switcher a[lang=de]").click()
    browser_page.wait_for_url("**/de/practices/?from=untranslated")
    assert browser_page.get_by_role("status").filter(has_text="noch nicht auf Deutsch").is_visible()
