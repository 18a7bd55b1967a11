"""The site as its readers meet it, in headless Chromium: phones and desktops, English and German."""

import pytest

from practices.localize import translate_page
from practices.tests.factories import ContactFactory, PracticePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    // Content clipped by a box of its own that fits (a map's tiles, a table's scroll region) does not overflow.
    const clipped = (e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== "visible" && a.getBoundingClientRect().right <= width + 1) {
                return true;
            }
        }
        return false;
    };
    const wide = [...document.querySelectorAll("body *")].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== "fixed" && !clipped(e);
    }).map((e) => e.tagName + "." + e.className);
    return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def corpus(site_tree):
    from wagtail.models import Locale

    german = Locale.objects.get(language_code="de")
    practices = [
        PracticePageFactory(parent=site_tree.index, title=f"Practice number {n}", slug=f"practice-{n}")
        for n in range(21)
    ]
    long_one = PracticePageFactory(
        parent=site_tree.index,
        title="Arbeitsmarktintegrationsberatungsnetzwerk for recognition of qualifications",
        slug="long-practice",
    )
    translate_page(long_one, german, lambda p: setattr(p, "title", "Anerkennungsberatungsnetzwerkkoordinierungsstelle"))
    ContactFactory(page=long_one, name="Ada Example", email="ada@example.org", phone="+49 30 0000 11", publish=True)
    return practices, long_one


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_nothing_overflows_in_either_language(live_server, corpus, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    paths = ["/en/", "/de/", "/en/practices/", "/de/practices/", "/en/practices/long-practice/"]
    paths += ["/de/practices/long-practice/", "/embed/practices/long-practice/?lang=de&variant=full"]
    for path in paths:
        page.goto(live_server.url + path)
        result = page.evaluate(OVERFLOW)
        assert result["scroll"] <= result["width"], (path, result)
        assert result["wide"] == [], (path, result)


def test_phone_search_shows_results_first_and_filters_in_a_panel(live_server, corpus, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/en/practices/")
    for selector in ("#search-q", "#search-status", "#search-sort", ".search-result"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["y"] < 844, selector
    button = page.locator("[data-filters-open]")
    assert button.is_visible() and button.bounding_box()["height"] >= 44
    assert not page.locator(".facet").first.is_visible()

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "search-filters-heading"
    label = page.locator("label[for=f-theme-mentoring]")
    assert label.is_visible() and label.bounding_box()["height"] >= 44
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.dataset.filtersOpen") == ""

    button.click()
    page.check("#f-status-running")
    page.wait_for_url("**status=running**")
    page.click("[data-filters-apply]")
    page.wait_for_function("() => !document.querySelector('#search-filters').classList.contains('is-open')")
    assert page.evaluate("document.activeElement.id") == "search-results-heading"
    assert "(1)" in page.inner_text("[data-filters-open]")


def test_paging_moves_focus_to_the_results_and_names_the_page(live_server, corpus, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/practices/")
    sort = page.locator("#search-sort").bounding_box()
    results = page.locator(".search-results").bounding_box()
    assert sort["x"] > results["x"] - 1  # sort sits with the results, not in the filter column
    assert page.locator("h2#search-results-heading").inner_text() == "Results"
    page.click(".pagination a[rel=next]")
    page.wait_for_url("**page=2**")
    page.wait_for_function("() => document.activeElement.id === 'search-results-heading'")
    assert page.title() == "Practices – page 2 · Praxis"
    assert page.evaluate("document.getElementById('search-results-heading').getBoundingClientRect().top") < 200


def test_contact_details_appear_in_place(live_server, corpus, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/en/practices/long-practice/")
    url = page.url
    page.click("text=Show how to reach Ada Example")
    details = page.locator(".contact__details")
    details.locator("a[href='mailto:ada@example.org']").wait_for()
    assert details.get_attribute("aria-live") == "polite"
    assert page.url == url
