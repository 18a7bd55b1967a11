"""Follow a search by e-mail: double opt-in, digests (locmem mail), one-click unsubscribe, manage and delete."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from follow.alerts import send_digests
from follow.models import Subscription
from follow.tasks import send_digests_task
from practices.models import PracticePage
from search.tests.factories import make_practice

pytestmark = pytest.mark.django_db


def link(message, kind: str) -> str:
    return re.search(rf"http://localhost(/\w\w/alerts/{kind}/\S+/)", message.body).group(1)


def subscribe(client, query: str = "theme=employer-engagement", email: str = "reader@example.org") -> Subscription:
    response = client.post(f"/en/alerts/?{query}", {"email": email, "frequency": "weekly", "website": ""})
    assert response.status_code == 200 and 'id="alert-sent"' in response.content.decode()
    return Subscription.objects.get(email=email)


def confirm(client, subscription) -> None:
    url = link(mail.outbox[-1], "confirm")
    assert "Yes, confirm" in client.get(url).content.decode()
    assert Subscription.objects.get(pk=subscription.pk).confirmed_at is None  # a GET (a mail scanner) does not
    assert 'id="alert-confirmed"' in client.post(url).content.decode()


def test_double_opt_in_then_weekly_digest_of_new_matching_practices(client, corpus, site_tree):
    form = client.get("/en/alerts/?theme=employer-engagement").content.decode()
    assert "Theme: Employer engagement" in form
    subscription = subscribe(client)
    assert subscription.query == "theme=employer-engagement" and subscription.confirmed_at is None
    (confirmation,) = mail.outbox
    assert confirmation.to == ["reader@example.org"] and "confirm" in confirmation.subject.lower()

    assert send_digests(timezone.now() + datetime.timedelta(days=6))["sent"] == 0  # unconfirmed: nothing
    confirm(client, subscription)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    new = make_practice(site_tree.index, "Employers Open Doors", themes=("employer-engagement",))
    make_practice(site_tree.index, "Unrelated Language Cafe", themes=("language-for-work",))
    mail.outbox.clear()
    assert send_digests(timezone.now() + datetime.timedelta(days=3)) == {"sent": 0, "nothing_new": 0, "expired": 0}
    counts = send_digests(timezone.now() + datetime.timedelta(days=8))
    assert counts["sent"] == 1
    (digest,) = mail.outbox
    assert digest.subject == "1 new practice: Theme: Employer engagement"
    assert "Employers Open Doors" in digest.body and new.full_url in digest.body
    assert "Unrelated Language Cafe" not in digest.body and "Bridge to Work" not in digest.body  # old ones
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in digest.body and link(digest, "manage") in digest.body

    # The window moved on: the same practice is not sent twice.
    mail.outbox.clear()
    assert send_digests(timezone.now() + datetime.timedelta(days=16))["nothing_new"] == 1 and not mail.outbox

    # RFC 8058: the mail provider POSTs without cookies or CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe.replace("http://localhost", ""), {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200 and 'id="alert-deleted"' in one_click.content.decode()
    assert not Subscription.objects.exists()


def test_german_subscription_gets_german_mail_and_german_digest(client, corpus, site_tree):
    client.post("/de/alerts/?target_group=women", {"email": "leser@example.org", "frequency": "monthly"})
    subscription = Subscription.objects.get()
    assert subscription.language == "de" and subscription.description == "Zielgruppe: Frauen"
    assert "/de/alerts/confirm/" in mail.outbox[0].body and "Bitte bestätigen" in mail.outbox[0].subject
    month_ago = timezone.now() - datetime.timedelta(days=31)
    Subscription.objects.update(confirmed_at=month_ago)
    PracticePage.objects.update(first_published_at=month_ago - datetime.timedelta(days=1))  # the corpus is old
    make_practice(site_tree.index, "Women into Nursing", target_groups=("women",))
    mail.outbox.clear()
    call_command("send_digests", stdout=__import__("io").StringIO())
    (digest,) = mail.outbox
    assert digest.subject == "1 neues Praxisbeispiel: Zielgruppe: Frauen"
    assert "Women into Nursing" in digest.body and "Mit einem Klick abbestellen" in digest.body


def test_subscriber_sees_changes_and_deletes_their_data(client, corpus):
    subscription = subscribe(client, "q=job")
    manage = link(mail.outbox[0], "manage")
    html = client.get(manage).content.decode()
    assert "reader@example.org" in html and "“job”" in html and "not yet" in html
    client.post(manage, {"action": "update", "frequency": "monthly"})
    assert Subscription.objects.get(pk=subscription.pk).frequency == "monthly"
    assert 'id="alert-deleted"' in client.post(manage, {"action": "delete"}).content.decode()
    assert not Subscription.objects.filter(email="reader@example.org").exists()
    assert client.get(manage).status_code == 404


def test_forged_or_foreign_tokens_do_not_work(client, corpus):
    subscription = subscribe(client)
    manage = link(mail.outbox[0], "manage")
    confirm_url = link(mail.outbox[0], "confirm")
    assert client.get(manage[:-5] + "xxxx/").status_code == 404
    # A confirmation token is no manage token (different salts).
    assert client.get(confirm_url.replace("/confirm/", "/manage/")).status_code == 404
    assert client.post(f"/en/alerts/unsubscribe/{subscription.token}/").status_code == 200
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_unconfirmed_subscriptions_expire_and_the_task_sends_digests(client, corpus):
    subscribe(client)
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    result = send_digests_task.enqueue()
    assert result.return_value == {"sent": 0, "nothing_new": 0, "expired": 1}
    assert not Subscription.objects.exists()


def test_bad_subscriptions_are_refused(client, corpus):
    response = client.post("/en/alerts/", {"email": "not an address", "frequency": "weekly"})
    assert response.status_code == 400 and "Enter a valid email address." in response.content.decode()
    response = client.post("/en/alerts/", {"email": "a@example.org", "frequency": "daily"})
    assert response.status_code == 400
    response = client.post("/en/alerts/", {"email": "a@example.org", "frequency": "weekly", "website": "x"})
    assert response.status_code == 400 and not Subscription.objects.exists() and not mail.outbox


@override_settings(PRAXIS_SUBSCRIPTIONS_PER_HOUR=2)
def test_subscriptions_are_rate_limited(client, corpus):
    for number in range(2):
        client.post("/en/alerts/", {"email": f"r{number}@example.org", "frequency": "weekly"})
    response = client.post("/en/alerts/", {"email": "r3@example.org", "frequency": "weekly"})
    assert response.status_code == 429 and Subscription.objects.count() == 2


def test_search_page_offers_the_alert_for_its_search(client, corpus):
    html = client.get("/en/practices/?q=job&status=pilot").content.decode()
    assert 'href="/en/alerts/?q=job&amp;status=pilot"' in html
