"""Organisations carry a display name per language where they have one; every place that shows them uses it."""

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from practices.choices import Role
from practices.demo.loader import DEMO_FILE, load_demo
from practices.models import Organisation
from practices.records import OrganisationRecord
from practices.tests.factories import OrganisationFactory, PracticePageFactory, translate_practice
from practices.tests.test_admin import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return OrganisationFactory(
        name="Federal Employment Agency",
        short_name="BA",
        website="https://www.arbeitsagentur.de",
        names={"de": "Bundesagentur für Arbeit"},
    )


@pytest.fixture
def practice(site_tree, agency):
    """An English practice implemented by the agency, funded by it and by a fund without a German name."""
    OrganisationFactory(name="Stiftung Lindenhof")
    page = PracticePageFactory(
        parent=site_tree.index,
        title="Bridge to Work",
        slug="bridge-to-work",
        organisations=[
            OrganisationRecord(name=agency.name, role=Role.IMPLEMENTING),
            OrganisationRecord(name=agency.name, role=Role.FUNDER),
            OrganisationRecord(name="Stiftung Lindenhof", role=Role.FUNDER),
        ],
    )
    return page, translate_practice(page, title="Brücke in Arbeit")


def test_name_in_a_language_falls_back_to_the_recorded_name(agency):
    assert agency.name_in("de") == "Bundesagentur für Arbeit"
    assert agency.name_in("de-at") == "Bundesagentur für Arbeit"
    assert agency.name_in("en") == "Federal Employment Agency"
    assert agency.name_in("fr") == "Federal Employment Agency"
    with translation.override("de"):
        assert agency.local_label == "Bundesagentur für Arbeit (BA)"
        assert agency.display_name == "BA"
    assert Organisation(name="Stadt Zwickau").name_in("de") == "Stadt Zwickau"


def test_german_page_shows_the_german_name_and_english_page_the_english_one(client, practice):
    english, german = practice
    html_de = client.get(german.url).content.decode()
    assert '<a href="https://www.arbeitsagentur.de" rel="noopener">Bundesagentur für Arbeit</a> (BA)' in html_de
    assert "Federal Employment Agency" not in html_de
    assert "Stiftung Lindenhof" in html_de  # no German name of its own: the recorded one
    html_en = client.get(english.url).content.decode()
    assert '<a href="https://www.arbeitsagentur.de" rel="noopener">Federal Employment Agency</a> (BA)' in html_en
    assert "Bundesagentur" not in html_en


def test_cards_use_the_name_of_the_cards_language(client, practice):
    english, german = practice
    card_de = client.get(f"/api/practices/{german.pk}/card/").json()
    assert [org["name"] for org in card_de["funders"]] == ["Bundesagentur für Arbeit", "Stiftung Lindenhof"]
    assert card_de["implementing_organisations"][0]["name"] == "Bundesagentur für Arbeit"
    card_en = client.get(f"/api/practices/{english.pk}/card/").json()
    assert card_en["implementing_organisations"][0]["name"] == "Federal Employment Agency"
    frame = client.get("/embed/practices/bridge-to-work/?lang=de").content.decode()
    assert "Bundesagentur für Arbeit, Stiftung Lindenhof" in frame


def test_full_record_keeps_the_recorded_name_and_adds_the_local_one(client, practice, agency):
    english, german = practice
    record = client.get(f"/api/practices/{german.pk}/").json()
    implementing = next(org for org in record["organisations"] if org["role"] == Role.IMPLEMENTING)
    assert implementing == {
        "id": agency.pk,
        "name": "Federal Employment Agency",
        "display_name": "Bundesagentur für Arbeit",
        "names": {"de": "Bundesagentur für Arbeit"},
        "role": Role.IMPLEMENTING,
    }
    record_en = client.get(f"/api/practices/{english.pk}/").json()
    assert {org["display_name"] for org in record_en["organisations"]} == {
        "Federal Employment Agency",
        "Stiftung Lindenhof",
    }
    linked = client.get(f"/api/practices/{german.pk}/jsonld").json()
    assert {"name": "Bundesagentur für Arbeit", "alternateName": ["BA", "Federal Employment Agency"]}.items() <= (
        linked["contributor"][0].items()
    )


def test_funder_facet_is_labelled_in_the_page_language(client, practice, agency):
    html_de = client.get("/de/practices/").content.decode()
    assert "Bundesagentur für Arbeit (BA)" in html_de
    html_en = client.get("/en/practices/").content.decode()
    assert "Federal Employment Agency (BA)" in html_en


def test_an_editor_sets_the_german_name_in_the_snippet_form(client, site_tree, django_user_model, agency):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    url = reverse("wagtailsnippets_practices_organisation:edit", args=[agency.pk])
    form = client.get(url).content.decode()
    assert '<label for="id_names-de" lang="de">Name in German</label>' in form
    assert 'name="names-de" id="id_names-de" value="Bundesagentur für Arbeit"' in form
    assert "practices/country-select.js" in form
    data = {
        "name": agency.name,
        "names-en": "",
        "names-de": "  Bundesagentur  für Arbeit (Zentrale) ",
        "short_name": "BA",
        "organisation_type": "",
        "website": agency.website,
        "city": "Nuremberg",
        "country": "Deutschland",  # a name in German is the same as the code
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    agency.refresh_from_db()
    assert agency.names == {"de": "Bundesagentur für Arbeit (Zentrale)"}
    assert agency.country == "DE"

    response = client.post(url, {**data, "names-de": "", "country": "Atlantis"})
    assert response.status_code == 200
    assert "“Atlantis” is not a country we know." in response.content.decode()
    agency.refresh_from_db()
    assert agency.names == {"de": "Bundesagentur für Arbeit (Zentrale)"}

    response = client.post(url, {**data, "names-de": ""})
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.names == {}


def test_demo_organisations_get_their_german_names_without_overwriting_an_editors(site_tree, tmp_path):
    demo = yaml.safe_load(DEMO_FILE.read_text(encoding="utf-8"))
    organisations = tmp_path / "organisations.yaml"  # the demo's organisations, without its practices
    organisations.write_text(yaml.safe_dump({"organisations": demo["organisations"]}), encoding="utf-8")
    load_demo(organisations)
    assert Organisation.objects.get(name="Federal Employment Agency").names == {"de": "Bundesagentur für Arbeit"}
    assert Organisation.objects.get(name="European Social Fund").names == {"de": "Europäischer Sozialfonds"}
    assert Organisation.objects.get(name="Jobcenter Wuppertal").names == {}
    Organisation.objects.filter(name="European Social Fund").update(names={"de": "ESF Plus"})
    load_demo(organisations)
    assert Organisation.objects.get(name="European Social Fund").names == {"de": "ESF Plus"}
