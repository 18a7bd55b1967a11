"""The map and compare journeys in headless Chromium, on a phone (390 px) and a desktop (1280 px)."""

import re

import pytest

from transfer.tests.factories import mapped_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]
WIDE = """() => [...document.querySelectorAll("body *")]
    .filter((e) => !e.closest(".compare-scroll"))
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 12)"""
OUTSIDE = re.compile(r"^https?://(?!localhost|127\.0\.0\.1)")


@pytest.fixture
def mapped(site_tree, settings):
    settings.PRAXIS_MAP_TILES_URL = "/static/no-tiles/{z}/{x}/{y}.png"  # no tile server in tests
    return [
        mapped_practice(site_tree.index, "Leipzig Coaching", [("Leipzig", "DE", 51.34, 12.37)], themes=["mentoring"]),
        mapped_practice(
            site_tree.index, "Halle Mentors", [("Halle", "DE", 51.48, 11.97)], themes=["language-for-work"]
        ),
        mapped_practice(site_tree.index, "Vienna Desk", [("Vienna", "AT", 48.21, 16.37)], themes=["mentoring"]),
    ]


def open_page(browser, viewport):
    context = browser.new_context(viewport=viewport)
    context.route(OUTSIDE, lambda route: route.abort())  # nothing leaves the test machine
    return context, context.new_page()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["390", "1280"])
def test_map_follows_the_search(mapped, live_server, browser, viewport):
    from playwright.sync_api import expect

    context, page = open_page(browser, viewport)
    page.goto(f"{live_server.url}/en/practices/")
    expect(page.locator("#practice-map-section")).to_be_visible()
    expect(page.locator("#practice-map")).to_have_attribute("data-loaded", re.compile(r"[1-9]"))
    markers = page.locator("#practice-map .leaflet-marker-icon")
    assert markers.count() >= 1
    total = sum(int(text) for text in page.locator("#practice-map .map-cluster").all_inner_texts() if text.strip())
    assert total + page.locator("#practice-map .leaflet-marker-icon:not(.map-cluster)").count() == 3
    # The list stays the alternative: every practice is there as a card, after the map.
    assert page.locator(".practice-card__title").count() == 3
    assert page.locator("a[href='#search-results']").count() == 1

    if viewport["width"] < 600:  # the filters sit behind a button on a phone
        page.goto(f"{live_server.url}/en/practices/?theme=language-for-work")
    else:
        page.check("#f-theme-language-for-work")
    expect(page.locator("#search-status")).to_have_text("1 practice")
    expect(page.locator("#practice-map .leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("#practice-map .map-cluster")).to_have_count(0)
    page.locator("#practice-map .leaflet-marker-icon").click()
    card = page.locator(".leaflet-popup .map-card")
    expect(card).to_contain_text("Halle Mentors")
    assert card.locator("a").get_attribute("href").endswith("/en/practices/halle-mentors/")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["390", "1280"])
def test_compare_from_search_results(mapped, live_server, browser, viewport):
    from playwright.sync_api import expect

    context, page = open_page(browser, viewport)
    page.goto(f"{live_server.url}/en/practices/")
    toggles = page.locator(".search-result .compare-toggle")
    expect(toggles).to_have_count(3)
    page.locator(".search-result[data-compare-slug=leipzig-coaching] .compare-toggle").check()
    page.locator(".search-result[data-compare-slug=vienna-desk] .compare-toggle").check()
    tray = page.locator("#compare-tray")
    expect(tray).to_be_visible()
    expect(tray.locator("[data-compare-count]")).to_have_text("2")
    assert page.inner_text("#search-status") == "3 practices"  # choosing is not a search filter
    tray.locator("a").click()
    page.wait_for_url(re.compile(r"/en/compare/\?p=leipzig-coaching&p=vienna-desk$"))
    headers = page.locator(".compare-table thead th")
    expect(headers).to_have_count(2)
    expect(page.locator(".compare-table")).to_contain_text("Vienna, Austria")

    page.fill("#compare-add-q", "Halle")
    page.press("#compare-add-q", "Enter")
    page.get_by_role("link", name="Add “Halle Mentors”").click()
    expect(headers).to_have_count(3)
    assert page.url.endswith("?p=leipzig-coaching&p=vienna-desk&p=halle-mentors")
    expect(page.locator(".compare-add")).to_have_count(0)  # three is the most

    if viewport["width"] < 600:  # the table scrolls in its own region, the page does not
        scroll = page.locator(".compare-scroll")
        assert scroll.evaluate("element => element.scrollWidth > element.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1, page.evaluate(WIDE)
    page.get_by_role("link", name="Remove Vienna Desk").click()
    expect(headers).to_have_count(2)
    page.emulate_media(media="print")
    expect(page.locator(".compare-add")).to_be_hidden()
    expect(page.locator(".compare-table")).to_be_visible()
    context.close()
