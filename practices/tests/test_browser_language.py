"""A reader switches language on a practice page in a real browser (headless Chromium)."""

import shutil

import pytest
from wagtail.models import Locale

from practices.localize import translate_page
from practices.tests.factories import PracticePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(monkeypatch):
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        browser.close()


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
