import json
import re

import pytest

from practices.choices import Role
from practices.models import PracticeOrganisation, PracticePlace, PracticeSource
from practices.tests.factories import ContactFactory, OrganisationFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(site_tree):
    page = PracticePageFactory(
        parent=site_tree.index,
        title="Bridge to Work Leipzig",
        short_name="B2W",
        start_year=2016,
        end_year=2021,
        status="ended",
    )
    PracticePlace.objects.create(page=page, city="Dresden", region="Saxony", country="DE")
    PracticeOrganisation.objects.create(
        page=page,
        organisation=OrganisationFactory(name="Federal Ministry of Labour and Social Affairs"),
        role=Role.FUNDER,
    )
    PracticeOrganisation.objects.create(
        page=page, organisation=OrganisationFactory(name="Jobcenter Leipzig"), role=Role.PARTNER, since_year=2018
    )
    PracticeSource.objects.create(page=page, kind="iq_good_practice", title="IQ leaflet", url="https://example.org/iq")
    page.outcomes = [("outcome", {"text": "120 people placed", "evidence_level": "monitored"})]
    page.save_revision().publish()
    return page


def test_practice_page_shows_key_facts(client, practice):
    response = client.get(practice.url)
    assert response.status_code == 200
    html = response.content.decode()
    for fact in (
        "Bridge to Work Leipzig",
        "Leipzig, Saxony, Germany",
        "Dresden, Saxony, Germany",
        "2016–2021",
        "Ended",
        "Federal Ministry of Labour and Social Affairs",
        "Jobcenter Leipzig",
        "(since 2018)",
        "Mentoring",
        "Refugees and beneficiaries of protection",
        "120 people placed",
        "Monitored",
        "IQ leaflet",
    ):
        assert fact in html, fact


def test_practice_page_carries_schema_org_json_ld(client, practice):
    html = client.get(practice.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "Bridge to Work Leipzig"
    assert data["temporalCoverage"] == "2016/2021"
    assert {"@type": "Organization", "name": "Federal Ministry of Labour and Social Affairs"} in data["funder"]


def test_json_ld_escapes_markup_in_titles(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/script&gt;" in html


def test_index_lists_live_practices_with_the_card_and_paginates(client, site_tree):
    for number in range(23):
        PracticePageFactory(parent=site_tree.index, title=f"Practice {number:02d}")
    first = client.get(site_tree.index.url)
    assert first.status_code == 200
    assert first.content.decode().count('<article class="practice-card') == 20
    second = client.get(site_tree.index.url, {"page": 2})
    assert second.content.decode().count('<article class="practice-card') == 3
    for bad in ("abc", "-1", "99999"):
        assert client.get(site_tree.index.url, {"page": bad}).status_code == 200


def test_unpublished_practice_is_not_visible(client, site_tree):
    visible = PracticePageFactory(parent=site_tree.index, title="Visible practice")
    hidden = PracticePageFactory(parent=site_tree.index, title="Hidden practice")
    hidden.unpublish()
    assert client.get(hidden.url or f"{site_tree.index.url}{hidden.slug}/").status_code == 404
    listing = client.get(site_tree.index.url).content.decode()
    home = client.get(site_tree.home.url).content.decode()
    assert "Visible practice" in listing and "Hidden practice" not in listing
    assert "Visible practice" in home and "Hidden practice" not in home
    assert visible.live


def test_home_page_has_search_box_theme_counts_and_latest(client, site_tree):
    PracticePageFactory(parent=site_tree.index, title="Mentoring in Leipzig")
    html = client.get("/en/").content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert "Mentoring" in html and "?theme=mentoring" in html
    assert "Mentoring in Leipzig" in html


def test_german_home_page_renders(client, site_tree):
    response = client.get("/de/")
    assert response.status_code == 200
    assert "Gute Praxis" in response.content.decode()


def test_root_redirects_to_the_preferred_language(client, site_tree):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9").headers["Location"] == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").headers["Location"] == "/en/"


def test_pages_have_landmarks_and_one_h1(client, practice):
    html = client.get(practice.url).content.decode()
    assert html.count("<h1") == 1
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in html
    assert '<html lang="en">' in html


def test_unpublished_contacts_never_appear(client, practice):
    ContactFactory(page=practice, name="Hidden Person", email="hidden@example.org", publish=False)
    ContactFactory(page=practice, name="Public Person", email="public@example.org", publish=True)
    html = client.get(practice.url).content.decode()
    assert "Hidden Person" not in html and "hidden@example.org" not in html
    assert "Public Person" in html
    # Even a published address is not in the page: no plain text, no mailto.
    assert "public@example.org" not in html and "mailto:" not in html
