"""The editor's form in headless Chromium: the country select narrows as the editor types."""

import pytest

from practices.models import PracticePage
from practices.records import PlaceRecord
from practices.tests.factories import PracticePageFactory
from practices.tests.test_admin import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_editor_finds_the_country_by_typing_part_of_its_name(live_server, site_tree, browser, django_user_model):
    from playwright.sync_api import expect

    practice = PracticePageFactory(
        parent=site_tree.index,
        title="Werkstatt Wien",
        slug="werkstatt-wien",
        places=[PlaceRecord(city="Vienna", region="Vienna", country="AT")],
    )
    make_user(django_user_model, "editor", "Editors")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    page.get_by_role("tab", name="Facts").click()

    select = page.locator("#id_places-0-country")
    expect(select).to_have_value("AT")
    box = page.get_by_label("Filter countries").first
    expect(box).to_be_visible()
    box.fill("Deutschl")  # the German name, in the English admin
    expect(select.locator("option[value]:not([value=''])")).to_have_count(1)
    expect(page.locator("#id_places-0-country-filter ~ [role=status]")).to_contain_text("1 countries match: Germany")
    box.press("Enter")  # picks the match, moves into the select, does not submit the page
    expect(select).to_be_focused()
    select.select_option("DE")

    box.fill("DE")  # a code: Germany first, then the names that begin with it
    assert select.locator("option").nth(1).get_attribute("value") == "DE"
    box.fill("Germ")
    expect(select).to_have_value("DE")
    box.press("Escape")  # every country again, Germany still chosen
    assert select.locator("option").count() > 200
    expect(select).to_have_value("DE")

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    latest = PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()
    assert [place.country for place in latest.places.all()] == ["DE"]
    assert errors == []
