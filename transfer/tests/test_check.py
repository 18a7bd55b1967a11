"""The transferability check: questions from the prerequisites, answers from the facts, nothing stored."""

import pytest

from search.tests.factories import make_practice
from transfer.tests.factories import transfer_practice

pytestmark = pytest.mark.django_db


def check_url(page):
    return f"/en/check/{page.slug}/"


def section(html: str, heading: str) -> str:
    start = html.index(f"<h3>{heading}</h3>")
    end = html.find("<h3>", start + 5)
    return html[start : end if end != -1 else len(html)]


def test_questions_come_from_the_prerequisites(client, site_tree):
    page = transfer_practice(site_tree.index)
    html = client.get(check_url(page)).content.decode()
    assert "Which of these partners do you have?" in html
    assert 'value="public-employment-service"' in html and 'value="chamber"' in html
    assert "A legal basis: Access to vocational training for refugees. Do you have it?" in html
    assert "A language offer: Job-related German at A2. Do you have it?" in html
    assert "In the practice&#x27;s own words" in html or "In the practice's own words" in html
    assert "Employers came once they met a participant in person." in html  # its lessons, cited
    assert "A job centre that refers participants." in html  # its conditions for transfer
    assert "check-results-heading" not in html  # nothing answered yet


def test_answers_give_what_fits_what_is_missing_and_what_to_adapt(client, site_tree):
    page = transfer_practice(site_tree.index)
    response = client.get(
        check_url(page),
        {
            "answered": "1",
            "size": "village",
            "setting": "rural",
            "budget": "80000",
            "staff": "2.5",
            "partners": ["chamber"],
            "c2": "no",  # legal basis: essential
            "c3": "unsure",  # language offer: helpful
            "group": "refugees",
        },
    )
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, follow"
    html = response.content.decode()
    assert "Not yet: 2 of the conditions are missing." in html
    missing = section(html, "What is missing")
    assert "Partner: Public employment service or job centre" in missing and "Refers participants." in missing
    assert "Access to vocational training for refugees" in missing
    adapt = section(html, "What to adapt")
    assert "is smaller than the practice" in adapt
    assert "covers 67% of its yearly cost of about €120,000" in adapt
    assert "about 27 participants a year" in adapt
    assert "Job-related German at A2" in adapt and "Find out before you start." in adapt
    fits = section(html, "What fits")
    assert "Partner: Chamber" in fits and "same setting" in fits and "made for your target group" in fits
    assert "2.5 full-time equivalents" in fits
    assert "answered=1" in html and "budget=80000" in html  # the shareable link carries the answers


def test_a_good_fit(client, site_tree):
    page = transfer_practice(site_tree.index)
    html = client.get(
        check_url(page),
        {
            "answered": "1",
            "size": "small_town",
            "budget": "150000",
            "partners": ["public-employment-service", "chamber"],
            "c2": "yes",
            "c3": "yes",
        },
    ).content.decode()
    assert "A good fit: everything you answered fits." in html
    assert "What is missing" not in html and "What to adapt" not in html


def test_a_practice_without_prerequisites_or_facts(client, site_tree):
    page = make_practice(
        site_tree.index, "Plain Practice", target_groups=("women",), places=(("Smallville", "", "DE"),)
    )
    html = client.get(check_url(page)).content.decode()
    assert "This practice records no prerequisites yet" in html
    assert "Which of these partners" not in html and "Do you have it?" not in html
    html = client.get(
        check_url(page), {"answered": "1", "budget": "50000", "size": "city", "group": "refugees"}
    ).content.decode()
    assert "Possible, with adaptations: 3 points to adapt." in html
    assert "The practice records no yearly cost" in html and "records no size of place" in html
    assert "made for other groups (Women)" in html


def test_invalid_answers_show_the_form_again(client, site_tree):
    page = transfer_practice(site_tree.index)
    response = client.get(check_url(page), {"answered": "1", "budget": "-5", "size": "huge", "c2": "maybe"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "check-results-heading" not in html and "errorlist" in html


def test_unknown_practice_is_404_and_post_not_allowed(client, site_tree):
    assert client.get("/en/check/no-such-practice/").status_code == 404
    page = transfer_practice(site_tree.index)
    assert client.post(check_url(page)).status_code == 405
