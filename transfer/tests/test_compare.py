"""Practices side by side: shareable by URL, at most three, unknown slugs reported, printable."""

import pytest

from search.tests.factories import make_practice
from transfer.tests.factories import transfer_practice

pytestmark = pytest.mark.django_db

URL = "/en/compare/"


@pytest.fixture
def three(site_tree):
    return [
        transfer_practice(site_tree.index, "Workshop Bridge"),
        make_practice(site_tree.index, "Mentors for Women", places=(("Hannover", "Lower Saxony", "DE"),)),
        transfer_practice(site_tree.index, "Port Pilots", transfer={"cost_amount": 900_000, "cost_period": "total"}),
        make_practice(site_tree.index, "Fourth Practice"),
    ]


def test_compares_key_facts_transfer_facts_and_outcomes(client, three):
    response = client.get(URL, {"p": [three[0].slug, three[1].slug]})
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, follow"
    html = response.content.decode()
    assert "Workshop Bridge" in html and "Mentors for Women" in html
    table = html[html.index("<table") : html.index("</table>")]
    assert "120,000 EUR per year" in table
    assert "Two coaches and workshop rent" in table
    assert "Small municipality (5,000–20,000)" in table
    assert "Public employment service or job centre" in table or "job centre" in table.lower()
    assert "Hannover" in table
    assert "not recorded" in table  # the second practice has no transfer facts
    assert "/en/compare/?p=" in html  # the shareable link


def test_at_most_three_and_unknown_slugs_reported(client, three):
    slugs = [page.slug for page in three]
    html = client.get(URL, {"p": [*slugs, "no-such-practice"]}).content.decode()
    assert "Fourth Practice" not in html.split("<table")[1].split("</table>")[0]
    assert "Only the first 3 practices are compared." in html
    html = client.get(URL, {"p": ["no-such-practice", slugs[0]]}).content.decode()
    assert "no-such-practice" in html and "Workshop Bridge" in html


def test_adding_a_practice_by_search_keeps_the_selection(client, three):
    html = client.get(URL, {"p": three[0].slug, "add": "Mentors"}).content.decode()
    assert f"?p={three[0].slug}&amp;p={three[1].slug}" in html


def test_empty_and_odd_parameters_do_not_fail(client, site_tree):
    assert client.get(URL).status_code == 200
    assert client.get(URL, {"p": ["", "x" * 5000, "<script>"]}).status_code == 200
    assert client.post(URL).status_code == 405
