"""Inline records of a practice page: places, organisations with roles, replications, awards, contacts, sources.

None of these is translatable (they are facts, synchronised to every translation); narrative text lives on
the page itself.
"""

from __future__ import annotations

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from practices.choices import Role, SourceKind
from practices.fields import COUNTRY_HELP, CountryField
from practices.validators import country_name, validate_http_url, validate_year
from practices.vocabularies import region_name


class PlaceMixin(models.Model):
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(
        _("region"), max_length=120, blank=True, help_text=_("First-level division in English, e.g. Bavaria.")
    )
    country = CountryField(_("country"), help_text=_("ISO 3166-1 alpha-2, e.g. DE."))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return ", ".join(part for part in (self.city, self.region_name, self.country_name) if part)

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def region_name(self) -> str:
        """The region in the active language ("Bayern" on German pages), from practices/data/regions.yaml."""
        return region_name(self.region)

    def clean(self) -> None:
        super().clean()
        if self.country:
            self.country = self.country.strip().upper()


class PracticePlace(PlaceMixin, Orderable):
    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="places")
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("city"),
                FieldPanel("region"),
                FieldPanel("country", help_text=COUNTRY_HELP),
            ]
        ),
        FieldRowPanel(
            [
                FieldPanel("latitude", help_text=_("From -90 (south) to 90 (north), e.g. 48.3705.")),
                FieldPanel("longitude", help_text=_("From -180 (west) to 180 (east), e.g. 10.8978.")),
            ]
        ),
    ]

    def clean(self) -> None:
        super().clean()
        errors = {}
        for name, limit in (("latitude", 90), ("longitude", 180)):
            value = getattr(self, name)
            if value is not None and not -limit <= value <= limit:
                errors[name] = _("Enter a value from %(low)s to %(high)s.") % {"low": -limit, "high": limit}
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors.setdefault(missing, _("Give both latitude and longitude, or neither."))
        if errors:
            raise ValidationError(errors)

    class Meta(Orderable.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["country"]), models.Index(fields=["region"])]


class ReplicationPlace(PlaceMixin, Orderable):
    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="replicated_in")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=[validate_year])

    panels = [
        FieldRowPanel(
            [
                FieldPanel("city"),
                FieldPanel("country", help_text=COUNTRY_HELP),
                FieldPanel("year"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("replicated in")
        verbose_name_plural = _("replicated in")


class PracticeOrganisation(Orderable):
    """An organisation's part in a practice. Funders are organisations with the funder role."""

    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="organisation_roles")
    organisation = models.ForeignKey(
        "practices.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    since_year = models.PositiveSmallIntegerField(
        _("since"), null=True, blank=True, validators=[validate_year], help_text=_("When it joined, if later.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("role"), FieldPanel("since_year")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation and role")
        verbose_name_plural = _("organisations and roles")
        indexes = [models.Index(fields=["role", "organisation"])]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class PracticeAward(Orderable):
    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("award"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, validators=[validate_year])
    awarding_body = models.CharField(_("awarding body"), max_length=255, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("year"), FieldPanel("awarding_body")])]

    class Meta(Orderable.Meta):
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.name} {self.year}" if self.year else self.name


class PracticeContact(Orderable):
    """A contact person. Personal data: shown only when ``publish`` is on, and never as harvestable text."""

    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="contacts")
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=160)
    function = models.CharField(_("function"), max_length=160, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    publish = models.BooleanField(
        _("publish this contact"),
        default=False,
        help_text=_("Personal data: only publish with the person's consent."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("function")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("postal_address"),
        FieldPanel("publish"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class PracticeSource(Orderable):
    """Where the facts come from: one or more sources per practice, with the text as it was received."""

    page = ParentalKey("practices.PracticePage", on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("kind"), max_length=30, choices=SourceKind.choices, default=SourceKind.OTHER)
    title = models.CharField(_("title"), max_length=255, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True, validators=[validate_http_url])
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    date_on_source = models.DateField(_("date on the source"), null=True, blank=True)
    source_last_updated = models.DateField(_("source last updated"), null=True, blank=True)
    contributed_by = models.CharField(_("contributed by"), max_length=255, blank=True)
    retrieved_at = models.DateTimeField(_("retrieved at"), null=True, blank=True)
    raw_text = models.TextField(_("raw text as received"), blank=True)
    sha256 = models.CharField(_("SHA-256 of the raw text"), max_length=64, blank=True, editable=False)
    file_name = models.CharField(_("imported file"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("contributed_by")]),
        FieldRowPanel([FieldPanel("date_on_source"), FieldPanel("source_last_updated"), FieldPanel("retrieved_at")]),
        MultiFieldPanel([FieldPanel("raw_text")], heading=_("Raw text"), classname="collapsed"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["sha256"])]

    def __str__(self) -> str:
        return self.title or self.url or self.get_kind_display()

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def clean(self) -> None:
        super().clean()
        if not (self.title or self.url or self.raw_text):
            raise ValidationError(_("A source needs at least a title, an address or its text."))

    def save(self, *args, **kwargs) -> None:
        self.sha256 = self.hash_text(self.raw_text) if self.raw_text else ""
        super().save(*args, **kwargs)
