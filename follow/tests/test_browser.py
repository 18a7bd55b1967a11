"""The suggestion journey in headless Chromium: paste a page, check the prefill, send; a moderator sees the draft."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
FIXTURE = Path(__file__).resolve().parents[2] / "importers" / "tests" / "fixtures" / "com_bridge_mentors.txt"


def test_suggest_a_practice_from_a_pasted_page_then_a_moderator_sees_the_draft(site_tree, live_server, browser):
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    from follow.models import Suggestion

    get_user_model().objects.create_superuser("moderator", "moderator@example.org", "moderate-it")
    page = browser.new_page()
    page.goto(f"{live_server.url}/en/")
    page.click("text=Know a practice that works? Suggest it")
    expect(page).to_have_url(f"{live_server.url}/en/suggest/")

    page.fill("#id_page_text", FIXTURE.read_text())
    page.fill("#id_submitter_name", "Sam Submitter")
    page.click("#suggest-prefill")
    expect(page.locator("#suggest-prefilled")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Mentors who open doors")
    expect(page.locator("#id_city")).to_have_value("Nuremberg")
    expect(page.locator("#id_country")).to_have_value("DE")
    expect(page.locator("#id_start_year")).to_have_value("2012")
    expect(page.locator("#id_submitter_name")).to_have_value("Sam Submitter")  # what was typed stays

    # The visitor checks and completes the form.
    page.fill("#id_achievements", "More than 600 mentees were paired with mentors from local firms.")
    page.fill("#id_transfer_conditions", "Volunteer mentors from the same profession; two meetings a year.")
    page.fill("#id_source_url", "https://example.org/mentors-who-open-doors")
    page.fill("#id_submitter_email", "sam@example.org")
    page.check("#id_consent_contact")
    page.click("#suggest-submit")
    expect(page.locator("#suggest-thanks")).to_be_visible()
    assert page.url == f"{live_server.url}/en/suggest/thanks/"

    draft = Suggestion.objects.get().page
    moderator = browser.new_context().new_page()
    moderator.goto(f"{live_server.url}/admin/login/")
    moderator.fill("#id_username", "moderator")
    moderator.fill("#id_password", "moderate-it")
    moderator.click("button[type=submit]")
    moderator.goto(f"{live_server.url}/admin/pages/{site_tree.index.pk}/")
    row = moderator.locator(f"[data-listing-page-title] a[href='/admin/pages/{draft.pk}/edit/']").first
    expect(row).to_contain_text("Mentors who open doors")
    moderator.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    expect(moderator.locator("#id_title")).to_have_value("Mentors who open doors")
    moderator.goto(f"{live_server.url}/admin/")
    review = moderator.locator("section", has_text="Awaiting your review")
    expect(review.get_by_role("link", name="Mentors who open doors").first).to_be_visible()
