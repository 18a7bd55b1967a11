"""A practitioner's search journey in headless Chromium, with and without JavaScript."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def titles(page) -> list[str]:
    return sorted(page.locator(".practice-card__title").all_inner_texts())


def test_search_with_javascript(corpus, live_server, browser):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{live_server.url}/en/practices/")
    page.fill("#search-q", "job")
    page.press("#search-q", "Enter")
    expect(page.locator("#search-status")).to_have_text("3 practices")
    assert "q=job" in page.url
    assert titles(page) == ["Bridge to Work", "German at Work", "Local Integration Network"]
    document_id = page.evaluate("window.__searchMarker = 1")  # survives only without a full reload

    page.check("#f-theme-employer-engagement")
    expect(page.locator("#search-status")).to_have_text("2 practices")
    assert "theme=employer-engagement" in page.url
    expect(page.locator("label[for=f-status-pilot] .count")).to_have_text("(1)")
    page.check("#f-status-pilot")
    expect(page.locator("#search-status")).to_have_text("1 practice")
    assert "status=pilot" in page.url and titles(page) == ["German at Work"]
    expect(page.locator("label[for=f-theme-mentoring]")).to_have_count(0)  # no mentoring pilot with "job"
    assert page.evaluate("window.__searchMarker") == 1 and document_id == 1

    page.go_back()
    expect(page.locator("#search-status")).to_have_text("2 practices")
    assert "status=pilot" not in page.url and "theme=employer-engagement" in page.url
    assert not page.is_checked("#f-status-pilot") and page.is_checked("#f-theme-employer-engagement")
    assert titles(page) == ["Bridge to Work", "German at Work"]


def test_search_without_javascript(corpus, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/practices/")
    page.fill("#search-q", "job")
    page.click(".search-box button[type=submit]")
    assert "q=job" in page.url and titles(page) == ["Bridge to Work", "German at Work", "Local Integration Network"]

    page.check("#f-theme-employer-engagement")
    page.check("#f-status-pilot")
    page.click(".search-facets__submit")
    assert "theme=employer-engagement" in page.url and "status=pilot" in page.url
    assert titles(page) == ["German at Work"]
    assert page.inner_text("#search-status") == "1 practice"

    page.go_back()
    assert "status=pilot" not in page.url and titles(page) == [
        "Bridge to Work",
        "German at Work",
        "Local Integration Network",
    ]
    context.close()
