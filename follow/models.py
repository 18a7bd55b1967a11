"""Suggestions from the public, e-mail subscriptions to searches, and the shared rate limit.

Personal data kept here: a submitter's or subscriber's name and e-mail address, visible to and deletable
by that person (through signed links), never published. Client addresses are stored only as keyed
hashes, for the rate limit, and dropped after a day.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RateLimitHit(models.Model):
    """One counted action by one client: kept in the database so every worker sees the same counts."""

    scope = models.CharField(max_length=30)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.key[:8]} {self.created_at:%Y-%m-%d %H:%M}"


def client_key(value: str) -> str:
    """A keyed hash of a client address or e-mail address (the rate limit never stores the address)."""
    return hmac.new(settings.SECRET_KEY.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def within_rate_limit(scope: str, values: list[str], limit: int, window: datetime.timedelta) -> bool:
    """Count one action for each of ``values`` (e.g. the client address and the e-mail address); False, and
    nothing counted, when any of them already reached ``limit`` within ``window``."""
    now = timezone.now()
    keys = [client_key(value) for value in values if value]
    with transaction.atomic():
        RateLimitHit.objects.filter(created_at__lt=now - datetime.timedelta(days=1)).delete()
        recent = RateLimitHit.objects.filter(scope=scope, created_at__gte=now - window)
        for key in keys:
            if recent.filter(key=key).count() >= limit:
                return False
        RateLimitHit.objects.bulk_create([RateLimitHit(scope=scope, key=key, created_at=now) for key in keys])
    return True


class Suggestion(models.Model):
    """A practice suggested through the public form, and the draft practice it became."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    import_record = models.ForeignKey(
        "importers.ImportRecord", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("what the writer did"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    submitter_name = models.CharField(_("name"), max_length=160)
    submitter_email = models.EmailField(_("e-mail"))
    consent_contact = models.BooleanField(_("agreed to be contacted"), default=False)
    data = models.JSONField(_("the form as submitted"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self) -> str:
        return self.title


class Subscription(models.Model):
    """An e-mail alert for one search: confirmed by the subscriber (double opt-in), sent as a digest."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("weekly")
        MONTHLY = "monthly", _("monthly")

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10)
    query = models.TextField(_("search"), blank=True, help_text=_("The search's URL query"))
    description = models.CharField(_("search in words"), max_length=500, blank=True)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("search subscription")
        verbose_name_plural = _("search subscriptions")

    def __str__(self) -> str:
        return f"{self.email}: {self.description or self.query}"

    @property
    def interval(self) -> datetime.timedelta:
        return datetime.timedelta(days=7 if self.frequency == self.Frequency.WEEKLY else 30)
