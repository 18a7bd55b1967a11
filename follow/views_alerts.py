"""``/<lang>/alerts/``: follow a search by e-mail; confirm, manage, unsubscribe through signed links."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from follow import alerts
from follow.describe import describe_search
from follow.forms import SubscriptionForm
from follow.models import Subscription, within_rate_limit
from follow.views_suggest import client_address
from search.engine import parse_params


def _private(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def subscribe(request: HttpRequest) -> HttpResponse:
    params = parse_params(request.GET, strict=False)
    context = {"description": describe_search(params), "search_url": alerts.search_page_path(params)}
    if request.method != "POST":
        return _private(render(request, "follow/alert_subscribe.html", {**context, "form": SubscriptionForm()}))
    form = SubscriptionForm(request.POST)
    if form.is_spam:
        context["refusal"] = _("Your request could not be accepted.")
        return _private(render(request, "follow/alert_subscribe.html", {**context, "form": form}, status=400))
    if not form.is_valid():
        return _private(render(request, "follow/alert_subscribe.html", {**context, "form": form}, status=400))
    email = form.cleaned_data["email"]
    allowed = within_rate_limit(
        "alerts", [client_address(request), email], settings.PRAXIS_SUBSCRIPTIONS_PER_HOUR, datetime.timedelta(hours=1)
    )
    if not allowed:
        context["refusal"] = _("Too many requests from your address in the last hour. Please try again later.")
        return _private(render(request, "follow/alert_subscribe.html", {**context, "form": form}, status=429))
    alerts.subscribe(email, form.cleaned_data["frequency"], params, translation.get_language())
    return _private(render(request, "follow/alert_sent.html", {**context, "email": email}))


def _subscription(token: str, salt: str) -> Subscription:
    subscription = alerts.subscription_from(token, salt)
    if subscription is None:
        raise Http404
    return subscription


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET shows a button (mail scanners follow links); the POST confirms."""
    subscription = alerts.subscription_from(token, alerts.CONFIRM_SALT)
    if subscription is None:
        return _private(render(request, "follow/alert_gone.html", status=404))
    if request.method == "POST" and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return _private(
        render(
            request,
            "follow/alert_confirm.html",
            {"subscription": subscription, "manage_url": alerts.manage_url(subscription)},
        )
    )


@never_cache
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """Everything we keep about a subscriber, with a button that deletes it."""
    subscription = alerts.subscription_from(token, alerts.MANAGE_SALT)
    if subscription is None:
        return _private(render(request, "follow/alert_gone.html", status=404))
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            subscription.delete()
            return _private(render(request, "follow/alert_gone.html", {"deleted": True}))
        frequency = request.POST.get("frequency")
        if frequency in Subscription.Frequency.values:
            subscription.frequency = frequency
            subscription.save(update_fields=["frequency"])
    return _private(
        render(
            request,
            "follow/alert_manage.html",
            {"subscription": subscription, "search_url": alerts.search_url(subscription)},
        )
    )


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail providers POST without a session; the signed token is the key
@never_cache
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = alerts.subscription_from(token, alerts.MANAGE_SALT)
    if subscription is None:
        return _private(render(request, "follow/alert_gone.html", {"deleted": True}))
    if request.method == "POST":
        subscription.delete()
        return _private(render(request, "follow/alert_gone.html", {"deleted": True}))
    return _private(render(request, "follow/alert_unsubscribe.html", {"subscription": subscription}))
