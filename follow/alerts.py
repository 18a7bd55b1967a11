"""E-mail alerts for any search: double opt-in, weekly or monthly digests of the new matching practices,
one-click unsubscribe (RFC 8058) and a manage link in every e-mail. No account: the signed links are the key.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from follow.describe import describe_search
from follow.mail import send
from follow.models import Subscription
from follow.records import public_practices
from search.engine import SearchParams, matching_ids, parse_params
from search.page import query_string

CONFIRM_SALT = "follow.alerts.confirm"
MANAGE_SALT = "follow.alerts.manage"
UNCONFIRMED_DAYS = 7
DIGEST_SIZE = 30


def sign(subscription: Subscription, salt: str) -> str:
    return signing.dumps(str(subscription.token), salt=salt)


def subscription_from(token: str, salt: str) -> Subscription | None:
    try:
        value = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(token=value).first()


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _url(name: str, subscription: Subscription, salt: str) -> str:
    with translation.override(subscription.language):
        return site_url(reverse(name, kwargs={"token": sign(subscription, salt)}))


def manage_url(subscription: Subscription) -> str:
    return _url("follow:alert_manage", subscription, MANAGE_SALT)


def unsubscribe_url(subscription: Subscription) -> str:
    return _url("follow:alert_unsubscribe", subscription, MANAGE_SALT)


def search_url(subscription: Subscription) -> str:
    with translation.override(subscription.language):
        from practices.models import PracticeIndexPage

        index = PracticeIndexPage.objects.live().filter(locale__language_code=subscription.language).first()
        base = index.full_url if index else site_url(f"/{subscription.language}/")
    return f"{base}?{subscription.query}" if subscription.query else base


def params_of(subscription: Subscription) -> SearchParams:
    return parse_params(QueryDict(subscription.query), strict=False)


def subscribe(email: str, frequency: str, params: SearchParams, language: str) -> Subscription:
    """A new, unconfirmed subscription, and the e-mail that asks to confirm it."""
    subscription = Subscription.objects.create(
        email=email,
        frequency=frequency,
        language=language,
        query=query_string(params),
        description=describe_search(params)[:500],
    )
    with translation.override(language):
        confirm_url = site_url(reverse("follow:alert_confirm", kwargs={"token": sign(subscription, CONFIRM_SALT)}))
    send(
        "alert_confirm",
        {"subscription": subscription, "confirm_url": confirm_url, "manage_url": manage_url(subscription)},
        [email],
        language,
    )
    return subscription


def unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def new_practices(subscription: Subscription, since: datetime.datetime) -> list:
    locale = Locale.objects.filter(language_code=subscription.language).first() or Locale.get_default()
    with translation.override(subscription.language):
        ids = matching_ids(params_of(subscription), locale)
    pages = public_practices().filter(pk__in=ids, first_published_at__gt=since).select_related("locale")
    return list(pages.order_by("-first_published_at", "-pk")[:DIGEST_SIZE])


def due(now: datetime.datetime):
    """Confirmed subscriptions whose week or month since the last digest (or the confirmation) is over."""
    for subscription in Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk"):
        last = subscription.last_sent_at or subscription.confirmed_at
        if now - last >= subscription.interval:
            yield subscription, last


def send_digests(now: datetime.datetime | None = None) -> dict[str, int]:
    """Send every due digest that has new practices; move each due subscription's window on either way."""
    now = now or timezone.now()
    counts = {"sent": 0, "nothing_new": 0, "expired": 0}
    expired = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    )
    counts["expired"] = expired.delete()[0]
    for subscription, since in list(due(now)):
        practices = new_practices(subscription, since)
        with transaction.atomic():
            locked = Subscription.objects.select_for_update().filter(
                pk=subscription.pk, last_sent_at=subscription.last_sent_at
            )
            if not locked.exists():
                continue  # another worker sent it meanwhile
            if practices:
                send(
                    "alert_digest",
                    {
                        "subscription": subscription,
                        "practices": practices,
                        "search_url": search_url(subscription),
                        "manage_url": manage_url(subscription),
                        "unsubscribe_url": unsubscribe_url(subscription),
                        "since": since,
                    },
                    [subscription.email],
                    subscription.language,
                    headers=unsubscribe_headers(subscription),
                )
                counts["sent"] += 1
            else:
                counts["nothing_new"] += 1
            locked.update(last_sent_at=now)
    return counts


def search_page_path(params: SearchParams) -> str:
    """The search page of the active language with these parameters (for the subscribe form)."""
    from practices.models import PracticeIndexPage

    index = PracticeIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    base = index.url if index else "/"
    query = query_string(params)
    return f"{base}?{query}" if query else base
