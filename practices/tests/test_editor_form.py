"""The practice form helps editors: slug from title, country by name, checked coordinates, duplicate roles refused."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from practices.models import PracticePage
from practices.tests.factories import OrganisationFactory
from practices.tests.test_admin import make_user, practice_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, site_tree, django_user_model):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    return client


def _add_url(site_tree) -> str:
    return reverse("wagtailadmin_pages:add", args=["practices", "practicepage", site_tree.index.pk])


def test_the_form_fills_the_slug_from_the_title_and_explains_the_story_fields(editor_client, site_tree):
    html = editor_client.get(_add_url(site_tree)).content.decode()
    assert 'data-w-sync-target-value="#id_slug"' in html or "w-sync" in html  # TitleFieldPanel syncs the slug
    assert "The situation before the practice" in html
    assert "What was done, by whom, for whom" in html
    assert "What changed, with numbers" in html
    assert "What the team would tell someone starting tomorrow" in html


def test_the_country_is_chosen_by_name_in_the_editors_language(editor_client, site_tree):
    html = editor_client.get(_add_url(site_tree)).content.decode()
    # both codes and the names in every interface language are what the filter box matches
    assert '<option value="DE" data-terms="de | deu | deutschland | germany">Germany</option>' in html
    assert re.search(r'<select name="places-__prefix__-country"[^>]* data-country-select', html)
    assert "practices/country-select.js" in html  # the filter box, from the widget's media


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [("123", "10", "Enter a value from -90 to 90."), ("48", "200", "Enter a value from -180 to 180.")],
)
def test_coordinates_out_of_range_are_refused(editor_client, site_tree, latitude, longitude, message):
    places = inline_formset(
        [{"city": "Chemnitz", "region": "Saxony", "country": "DE", "latitude": latitude, "longitude": longitude}],
        min=1,
    )
    response = editor_client.post(_add_url(site_tree), {**practice_form(places=places), "action-submit": "Submit"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PracticePage.objects.filter(slug="welcome-mentors-chemnitz").exists()


def test_the_same_organisation_twice_in_the_same_role_is_refused(editor_client, site_tree):
    organisation = OrganisationFactory(name="Tür an Tür")
    row = {"organisation": organisation.pk, "role": "partner", "since_year": "", "note": ""}
    roles = inline_formset([row, dict(row)])
    response = editor_client.post(
        _add_url(site_tree), {**practice_form(organisation_roles=roles), "action-submit": "Submit"}
    )
    assert response.status_code == 200
    assert "Tür an Tür is already listed as “Partner” (row 1)" in response.content.decode()
    assert not PracticePage.objects.filter(slug="welcome-mentors-chemnitz").exists()


def test_the_organisation_chooser_shows_city_and_type_and_can_create(editor_client):
    OrganisationFactory(name="Diakonie Wuppertal", city="Wuppertal", country="DE")
    response = editor_client.get(reverse("wagtailsnippetchoosers_practices_organisation:choose"))
    html = response.json()["html"]
    assert "Diakonie Wuppertal" in html
    assert "Wuppertal, Germany" in html
    assert "Welfare association or NGO" in html
    assert "Create organisation" in html


def test_the_organisation_chooser_creates_with_https_for_a_bare_web_address(editor_client):
    from practices.models import Organisation

    response = editor_client.post(
        reverse("wagtailsnippetchoosers_practices_organisation:create"),
        {
            "name": "Jobcenter Bochum",
            "organisation_type": "",
            "website": "jobcenter-bochum.example",
            "city": "Bochum",
            "country": "Deutschland",
        },
    )
    assert response.status_code == 200 and response.json()["step"] == "chosen", response.content[:500]
    created = Organisation.objects.get(name="Jobcenter Bochum")
    assert (created.website, created.country) == ("https://jobcenter-bochum.example", "DE")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Germany", "DE"),
        ("deutschland", "DE"),
        ("DEU", "DE"),
        ("de", "DE"),
        (" Österreich ", "AT"),
        ("Niederlande", "NL"),
        ("Czechia", "CZ"),
        ("Vereinigtes Königreich", "GB"),
        ("", ""),
    ],
)
def test_the_country_field_takes_names_in_either_language_and_keeps_the_code(typed, code):
    from practices.fields import CountryFormField

    assert CountryFormField(required=False).clean(typed) == code


@pytest.mark.parametrize("typed", ["Germani", "XX", "Deutsch", "Europe"])
def test_the_country_field_refuses_what_is_no_country(typed):
    from django.core.exceptions import ValidationError

    from practices.fields import CountryFormField

    with pytest.raises(ValidationError) as refused:
        CountryFormField(required=False).clean(typed)
    assert refused.value.code == "unknown_country"
    assert f"“{typed}” is not a country we know" in refused.value.messages[0]
