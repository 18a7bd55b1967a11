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


def test_words_typed_while_a_filter_loads_are_kept_and_searched(corpus, live_server, browser):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{live_server.url}/en/practices/?q=job")
    held = []
    page.route("**/practices/?*theme=employer-engagement*", lambda route: held.append(route))
    page.check("#f-theme-employer-engagement")
    form = page.locator("#practice-search")
    expect(form).to_have_attribute("aria-busy", "true")
    page.fill("#search-q", "mentoring")  # typed while the filter's answer is still on its way
    assert len(held) == 1
    held[0].continue_()
    expect(form).not_to_have_attribute("aria-busy", "true")
    page.unroute("**/practices/?*theme=employer-engagement*")
    assert page.input_value("#search-q") == "mentoring"
    page.press("#search-q", "Enter")
    expect(page.locator("#search-status")).to_have_text("0 practices")
    assert "q=mentoring" in page.url and "theme=employer-engagement" in page.url


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


def test_german_practitioner_finds_english_practices_follows_a_suggestion_and_gets_a_useful_empty_page(
    corpus, live_server, browser, site_tree
):
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(f"{live_server.url}{site_tree.index_de.url}")
    # A German phrase finds English-only practices through the German labels of their themes.
    page.fill("#search-q", "Arbeitgeberansprache im Betrieb")
    page.press("#search-q", "Enter")
    expect(page.locator("#search-status")).to_have_text("2 Praxisbeispiele")
    assert titles(page) == ["Bridge to Work", "German at Work"]
    expect(page.locator(".search-result__labels mark").first).to_have_text("Arbeitgeberansprache")

    # A typo: nothing matches, and the page suggests the word of the index.
    page.fill("#search-q", "Anerkenung")
    page.press("#search-q", "Enter")
    expect(page.locator(".search-did-you-mean")).to_contain_text("Meinten Sie")
    page.click(".search-did-you-mean a")
    expect(page.locator("#search-status")).to_have_text("1 Praxisbeispiel")
    assert titles(page) == ["Recognition Desk"] and "q=anerkennung" in page.url

    # A filter, then a query that no practice with that filter matches: query, filter and facets stay,
    # and the page says what to change and what each change gives.
    page.check("#f-status-mainstreamed")
    expect(page.locator("#search-status")).to_have_text("1 Praxisbeispiel")
    page.fill("#search-q", "Arbeitgeberansprache")
    page.press("#search-q", "Enter")
    expect(page.locator("#search-status")).to_have_text("0 Praxisbeispiele")
    expect(page.locator(".search-empty")).to_contain_text("Kein Praxisbeispiel passt zu „Arbeitgeberansprache“")
    assert page.input_value("#search-q") == "Arbeitgeberansprache"
    assert page.is_checked("#f-status-mainstreamed")
    expect(page.locator(".chip")).to_have_count(2)
    expect(page.locator("fieldset.facet").first).to_be_visible()
    changes = page.locator(".search-empty__changes li")
    expect(changes.filter(has_text="Ohne die Suchwörter „Arbeitgeberansprache“: 1 Praxisbeispiel")).to_have_count(1)
    expect(changes.filter(has_text=": 2 Praxisbeispiele")).to_have_count(1)
    changes.filter(has_text=": 2 Praxisbeispiele").locator("a").click()
    expect(page.locator("#search-status")).to_have_text("2 Praxisbeispiele")
    assert titles(page) == ["Bridge to Work", "German at Work"]
