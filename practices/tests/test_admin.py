"""Editors create and submit practices through the admin; moderators publish them."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from practices.models import PracticePage, Theme

pytestmark = pytest.mark.django_db


def make_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw", email=f"{username}@example.org")
    user.groups.add(Group.objects.get(name=group))
    return user


def practice_form(**overrides):
    mentoring = Theme.objects.get(slug="mentoring", locale=Locale.get_default())
    data = {
        "title": "Welcome Mentors Chemnitz",
        "slug": "welcome-mentors-chemnitz",
        "short_name": "WMC",
        "summary": "Volunteer mentors accompany newcomers through their first year of work.",
        "challenge": rich_text("<p>Newcomers lacked contacts.</p>"),
        "approach": rich_text(""),
        "results": rich_text(""),
        "lessons": rich_text(""),
        "voices": streamfield([]),
        "status": "pilot",
        "start_year": "2019",
        "end_year": "2022",
        "places": inline_formset(
            [{"city": "Chemnitz", "region": "Saxony", "country": "DE", "latitude": "", "longitude": ""}], min=1
        ),
        "themes": [mentoring.pk],
        "outcomes": streamfield([("outcome", {"text": "30 pairs", "evidence_level": "monitored", "indicator": ""})]),
        "awards": inline_formset([]),
        "last_verified": "",
        "organisation_roles": inline_formset([]),
        "contacts": inline_formset([]),
        "transfer_conditions": rich_text(""),
        "cost_amount": "45000",
        "cost_currency": "EUR",
        "cost_period": "per_year",
        "cost_covers": "Mentor training",
        "funding_months": "24",
        "staff_fte": "0.75",
        "staff_roles": "A coordinator",
        "participants": "30",
        "participants_period": "per_year",
        "population": "",
        "setting": "urban",
        "prerequisites": streamfield(
            [
                ("partner", {"kind": "municipality", "essential": True, "note": "Pays the coordinator."}),
                ("staff_skills", {"condition": "Training volunteers", "essential": False, "note": ""}),
            ]
        ),
        "replicated_in": inline_formset([]),
        "resources": streamfield([]),
        "sources": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_and_submits_then_moderator_publishes(client, site_tree, django_user_model):
    editor = make_user(django_user_model, "editor", "Editors")
    moderator = make_user(django_user_model, "moderator", "Moderators")

    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree.index.pk])
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, {**practice_form(), "action-submit": "Submit for moderation"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = PracticePage.objects.get(slug="welcome-mentors-chemnitz")
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert (draft.cost_amount, draft.staff_fte, draft.setting, draft.cost_band) == (
        45000,
        Decimal("0.75"),
        "urban",
        "25k_100k",
    )
    assert [item["label"] for item in draft.prerequisite_items] == ["Municipality", "Training volunteers"]
    assert draft.place_size == "city"  # Chemnitz's population, from the gazetteer
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # An editor cannot publish.
    assert not page.permissions_for_user(editor).can_publish()

    client.force_login(moderator)
    task_state = state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(approve_url, {"comment": "Looks right"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
    assert page.revisions.count() >= 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"start_year": "2020", "end_year": "2010"}, "end_year", "The end year cannot be before the start year."),
        (
            {
                "places": inline_formset(
                    [{"city": "X", "region": "", "country": "XX", "latitude": "", "longitude": ""}], min=1
                )
            },
            None,
            "“XX” is not a country we know.",
        ),
        ({"summary": ""}, "summary", "This field is required."),
        ({"start_year": "1900"}, "start_year", "Enter a year between 1950"),
    ],
)
def test_invalid_input_shows_a_message_and_saves_nothing(
    client, site_tree, django_user_model, overrides, field, message
):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree.index.pk])
    response = client.post(add_url, {**practice_form(**overrides), "action-submit": "Submit"})
    assert response.status_code == 200
    assert message in response.content.decode()
    if field:
        assert field in response.context["form"].errors
    assert not PracticePage.objects.filter(slug="welcome-mentors-chemnitz").exists()


def test_a_practice_needs_at_least_one_place(client, site_tree, django_user_model):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    add_url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree.index.pk])
    response = client.post(add_url, {**practice_form(places=inline_formset([], min=1)), "action-submit": "Submit"})
    assert response.status_code == 200
    assert not PracticePage.objects.filter(slug="welcome-mentors-chemnitz").exists()


def test_preview_renders_a_draft(client, site_tree, django_user_model):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["practices", "practicepage", site_tree.index.pk])
    assert client.post(preview_url, practice_form()).json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Welcome Mentors Chemnitz" in response.content.decode()


def test_snippet_listings_have_search_and_filters(client, site_tree, django_user_model):
    client.force_login(make_user(django_user_model, "moderator", "Moderators"))
    for name in ("organisation", "programme", "theme", "targetgroup", "transferaudience", "organisationtype"):
        url = reverse(f"wagtailsnippets_practices_{name}:list")
        assert client.get(url, {"q": "a"}).status_code == 200, name
