from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from practices.choices import ProgrammeKind
from practices.fields import COUNTRY_HELP, CountryField, LocalizedNamesField
from practices.locales import active_locale, default_locale
from practices.validators import validate_http_url, validate_organisation_name


def default_locale_only() -> dict:
    """Practices link to terms in the default locale; translations carry the other labels."""
    return {"locale_id": default_locale().pk}


class VocabularyTerm(TranslatableMixin, index.Indexed, models.Model):
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Stable identifier used in URLs and the API; same in every language.")
    )
    name = models.CharField(_("label"), max_length=160)
    synonyms = models.TextField(
        _("synonyms"), blank=True, help_text=_("One per line; importers recognise the term by these words.")
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("synonyms"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("synonyms"),
        index.SearchField("slug"),
        index.FilterField("slug"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name

    @property
    def localized(self):
        """This term in the active language, else itself (Wagtail's looks the locale up on every call)."""
        locale = active_locale()
        if locale.pk == self.locale_id:
            return self
        return self.get_translation_or_none(locale) or self

    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]


class TargetGroup(VocabularyTerm):
    class Category(models.TextChoices):
        LEGAL_STATUS = "legal_status", _("Legal status")
        CHARACTERISTIC = "characteristic", _("Characteristic")
        INDIRECT = "indirect", _("Indirect target group")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)

    panels = [*VocabularyTerm.panels, FieldPanel("category")]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Theme(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TransferAudience(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("transfer audience")
        verbose_name_plural = _("transfer audiences")


class OrganisationType(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class Organisation(index.Indexed, models.Model):
    """An organisation recorded once and linked to practices with a role (see PracticeOrganisation).

    ``name`` is the name it is recorded under (unique; importers match on it). ``names`` holds display names
    per language where one exists ("Bundesagentur für Arbeit" for the Federal Employment Agency); pages,
    cards and the API show ``local_name``, the name of the active language, falling back to ``name``. Not a
    translatable snippet: everything but the name is one fact in every language, and practices of every
    locale link to the same row.
    """

    name = models.CharField(_("name"), max_length=255, unique=True, validators=[validate_organisation_name])
    names = LocalizedNamesField(
        _("name in each language"),
        help_text=_("Only where the organisation has an established name in that language; otherwise leave it empty."),
    )
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    organisation_type = models.ForeignKey(
        OrganisationType,
        verbose_name=_("type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("names"),
        FieldPanel("short_name"),
        FieldPanel("organisation_type"),
        FieldPanel("website"),
        FieldPanel("city"),
        FieldPanel("country", help_text=COUNTRY_HELP),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("names_text"),
        index.SearchField("short_name"),
        index.AutocompleteField("short_name"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("organisation_type"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def clean(self) -> None:
        super().clean()
        self.name = " ".join(self.name.split())
        try:
            validate_organisation_name(self.name)
        except ValidationError as error:
            raise ValidationError({"name": error}) from error

    def name_in(self, language: str | None) -> str:
        """The name in ``language`` ("de", "de-at"), or the recorded name where it has none of its own."""
        code = (language or "").split("-")[0]
        names = self.names if isinstance(self.names, dict) else {}
        return names.get(code) or self.name

    def names_text(self) -> str:
        """The names in every language, for the admin's search."""
        return " ".join(self.names.values()) if isinstance(self.names, dict) else ""

    @property
    def local_name(self) -> str:
        """The name in the active language."""
        return self.name_in(get_language())

    @property
    def local_label(self) -> str:
        """The name in the active language with the acronym: "Bundesagentur für Arbeit (BA)"."""
        name = self.local_name
        return f"{name} ({self.short_name})" if self.short_name and self.short_name not in name else name

    @property
    def display_name(self) -> str:
        return self.short_name or self.local_name


class Programme(index.Indexed, models.Model):
    """A funding programme, network or fund a practice belongs to (EQUAL, Network IQ, ESF...)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.PROGRAMME)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_http_url])
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme or network")
        verbose_name_plural = _("programmes and networks")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
