"""Suggest a practice: the draft in moderation, the e-mails, the prefill, and hostile submissions."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from follow.models import RateLimitHit, Suggestion
from importers.models import ImportRecord
from practices.models import PracticeContact, PracticePage

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[2] / "importers" / "tests" / "fixtures" / "com_bridge_mentors.txt"


def valid(**changes) -> dict:
    data = {
        "action": "submit",
        "title": "Job Bridges Kassel",
        "city": "Kassel",
        "region": "Hesse",
        "country": "DE",
        "start_year": "2019",
        "end_year": "",
        "organisation_0": "Kassel Welcome Centre",
        "role_0": "implementing",
        "organisation_1": "",
        "role_1": "",
        "organisation_2": "",
        "role_2": "",
        "funders": "European Social Fund\nCity of Kassel",
        "target_groups": ["refugees", "women"],
        "themes": ["mentoring"],
        "achievements": "120 refugees found a job in two years.\n\nEmployers asked for a second round.",
        "transfer_conditions": "A coordinator and ten volunteer mentors per 25 participants.",
        "source_url": "https://example.org/job-bridges",
        "page_text": "",
        "submitter_name": "Sam Submitter",
        "submitter_email": "sam@example.org",
        "consent_contact": "on",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def moderator(db):
    return get_user_model().objects.create_superuser("moderator", "moderator@example.org", "pw")


def test_suggestion_becomes_a_draft_in_moderation_with_a_private_contact(client, site_tree, moderator):
    response = client.post("/en/suggest/", valid())
    assert response.status_code == 302 and response["Location"] == "/en/suggest/thanks/"

    suggestion = Suggestion.objects.get()
    page = suggestion.page.specific
    assert isinstance(page, PracticePage) and not page.live and page.first_published_at is None
    assert page.get_parent().specific == site_tree.index
    assert page.workflow_in_progress  # submitted to moderation
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Job Bridges Kassel" and draft.start_year == 2019
    assert "120 refugees found a job" in draft.results
    assert draft.transfer_conditions == "<p>A coordinator and ten volunteer mentors per 25 participants.</p>"
    assert {term.slug for term in draft.target_groups.all()} == {"refugees", "women"}
    assert [(link.organisation.name, link.role) for link in draft.organisation_roles.all()] == [
        ("Kassel Welcome Centre", "implementing"),
        ("European Social Fund", "funder"),
        ("City of Kassel", "funder"),
    ]
    assert [source.url for source in draft.sources.all()] == ["https://example.org/job-bridges"]
    contact = draft.contacts.get()
    assert (contact.name, contact.email, contact.publish) == ("Sam Submitter", "sam@example.org", False)
    record = ImportRecord.objects.get(page=page)
    assert record.source_kind == "suggestion" and record.source_url == "https://example.org/job-bridges"
    assert record.revision_id == page.latest_revision_id and suggestion.import_record == record

    # Wagtail's workflow tells moderators too; ours says where the draft came from.
    assert any("submitted for approval" in message.subject for message in mail.outbox)
    (confirmation,) = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    (notice,) = [message for message in mail.outbox if message.subject.startswith("New suggestion")]
    assert confirmation.to == ["sam@example.org"] and "Job Bridges Kassel" in confirmation.subject
    withdraw_url = re.search(r"http://testserver(/en/suggest/withdraw/\S+/)", confirmation.body).group(1)
    assert notice.to == ["moderator@example.org"]
    assert f"/admin/pages/{page.pk}/edit/" in notice.body and "sam@example.org" not in notice.body

    assert "Thank you for your suggestion" in client.get("/en/suggest/thanks/").content.decode()
    assert client.get(page.url or "/en/practices/job-bridges-kassel/").status_code == 404  # not public

    assert "Withdraw it" in client.get(withdraw_url).content.decode()
    assert "has been withdrawn" in client.post(withdraw_url).content.decode()
    assert not PracticePage.objects.filter(pk=page.pk).exists()
    assert Suggestion.objects.get().status == "withdrawn"
    assert not PracticeContact.objects.filter(email="sam@example.org").exists()
    assert client.get(withdraw_url.replace("/withdraw/", "/withdraw/x")).status_code == 404


def test_german_form_at_a_german_address_makes_a_german_draft(client, site_tree):
    page = client.get("/de/vorschlagen/")
    assert page.status_code == 200 and "Praxisbeispiel vorschlagen" in page.content.decode()
    assert client.get("/en/vorschlagen/").status_code == 404
    response = client.post("/de/vorschlagen/", valid(title="Jobbrücken Kassel"))
    assert response["Location"] == "/de/vorschlagen/danke/"
    draft = Suggestion.objects.get().page.specific
    assert draft.locale.language_code == "de" and draft.get_parent().specific == site_tree.index_de
    (confirmation,) = [message for message in mail.outbox if message.to == ["sam@example.org"]]
    assert "vielen Dank für Ihren Vorschlag „Jobbrücken Kassel“" in confirmation.body


def test_pasted_text_prefills_the_form_and_keeps_what_was_typed(client, site_tree):
    text = FIXTURE.read_text()
    response = client.post(
        "/en/suggest/",
        {"action": "prefill", "page_text": text, "submitter_name": "Sam Submitter", "title": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="suggest-prefilled"' in html
    assert 'value="Mentors who open doors"' in html
    assert 'value="Nuremberg"' in html and '<option value="DE" selected>' in html
    assert 'value="2012"' in html and "City of Nuremberg\nEuropean Social Fund" in html
    assert 'value="Sam Submitter"' in html
    assert not PracticePage.objects.filter(title="Mentors who open doors").exists()  # nothing written yet


def test_prefill_is_rate_limited_too(client, site_tree, monkeypatch):
    monkeypatch.setattr("follow.views_suggest.PREFILLS_PER_HOUR", 1)
    assert client.post("/en/suggest/", {"action": "prefill", "page_text": "Some words."}).status_code == 200
    response = client.post("/en/suggest/", {"action": "prefill", "page_text": "Some words."})
    assert response.status_code == 429 and "try again later" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "", "achievements": "", "submitter_email": ""}, "title", "This field is required."),
        ({"title": "x" * 256}, "title", "at most 255 characters"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "starts with http:// or https://"),
        ({"source_url": "data:text/html,<b>x</b>"}, "source_url", "starts with http:// or https://"),
        ({"consent_contact": ""}, "consent_contact", "This field is required."),
        ({"start_year": "2020", "end_year": "2010"}, "end_year", "cannot be before the start year"),
        ({"themes": ["not-a-theme"]}, "themes", "Select a valid choice"),
    ],
)
def test_invalid_submissions_are_refused_with_a_message_and_nothing_written(client, site_tree, changes, field, message):
    pages = PracticePage.objects.count()
    response = client.post("/en/suggest/", valid(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please correct the fields marked below. Nothing has been saved yet." in html
    assert message in html
    assert response.context["form"].errors[field]
    assert PracticePage.objects.count() == pages and not Suggestion.objects.exists() and not mail.outbox


def test_scripts_are_kept_as_text_and_escaped(client, site_tree):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post("/en/suggest/", valid(title=f"Jobs {hostile}", achievements=f"Results {hostile}"))
    page = Suggestion.objects.get().page.specific
    draft = page.get_latest_revision_as_object()
    assert "<script>" not in draft.results and "&lt;script&gt;" in draft.results
    rendered = client.post("/en/suggest/", valid(title=hostile, submitter_email="bad")).content.decode()
    assert "<script>alert" not in rendered and "&lt;script&gt;alert" in rendered


def test_honeypot_refuses_quietly_without_writing(client, site_tree):
    response = client.post("/en/suggest/", valid(website="http://spam.example"))
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not Suggestion.objects.exists() and not mail.outbox and not RateLimitHit.objects.exists()


def test_too_large_submissions_are_refused(client, site_tree):
    response = client.post("/en/suggest/", valid(page_text="x" * 130_000))
    assert response.status_code == 413 and "too long" in response.content.decode()
    assert not Suggestion.objects.exists()


@override_settings(PRAXIS_SUGGESTIONS_PER_HOUR=2)
def test_rate_limit_per_address_is_counted_in_the_database(client, site_tree):
    for number in range(2):
        assert client.post("/en/suggest/", valid(title=f"Practice {number}")).status_code == 302
    response = client.post("/en/suggest/", valid(title="Practice 3", submitter_email="other@example.org"))
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert Suggestion.objects.count() == 2 and not PracticePage.objects.filter(title="Practice 3").exists()
    # Another client address with the same e-mail address is limited too.
    other = client.post("/en/suggest/", valid(title="Practice 4"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 429
    assert RateLimitHit.objects.filter(scope="suggest").count() == 4  # two addresses x two sends; no raw address
    assert not RateLimitHit.objects.filter(key__contains="127.0.0.1").exists()


def test_criteria_page_and_links_from_home_search_and_footer(client, site_tree):
    html = client.get("/en/suggest/criteria/").content.decode()
    assert "What evidence we ask for" in html and "transferable" in html
    assert "Welche Nachweise wir erbitten" in client.get("/de/vorschlagen/kriterien/").content.decode()
    for url in ("/en/", "/en/practices/"):
        assert 'href="/en/suggest/"' in client.get(url).content.decode()
    assert 'href="/de/vorschlagen/"' in client.get("/de/").content.decode()
