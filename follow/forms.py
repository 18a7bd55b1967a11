"""Public forms: suggest a practice, follow a search by e-mail. Every input is untrusted: lengths are
bounded, control characters removed, addresses limited to http and https, and the honeypot must stay empty."""

from __future__ import annotations

import re

import pycountry
from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from practices.choices import Role
from practices.models import TargetGroup, Theme
from search.facets import term_labels

MAX_PASTED_TEXT = 50_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
http_url = URLValidator(schemes=["http", "https"], message=_("Enter an address that starts with http:// or https://."))


def clean_text(value: str) -> str:
    return _CONTROL.sub("", value or "").strip()


class PlainCharField(forms.CharField):
    def to_python(self, value):
        return clean_text(super().to_python(value))


class HttpURLField(forms.CharField):
    """An address that can only be http or https (never javascript:, data: or file:)."""

    default_validators = [http_url]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        super().__init__(**kwargs)
        self.widget = forms.URLInput()

    def to_python(self, value):
        return clean_text(super().to_python(value))


def _term_choices(model) -> list[tuple[str, str]]:
    terms = list(model.objects.filter(locale=Locale.get_default()).order_by("name"))
    labels = term_labels(model, terms)
    return sorted(((term.slug, labels[term.pk]) for term in terms), key=lambda choice: choice[1].casefold())


def _country_choices() -> list[tuple[str, str]]:
    from search.facets import localised_country_name

    countries = [(country.alpha_2, localised_country_name(country.alpha_2)) for country in pycountry.countries]
    return [("", "—"), *sorted(countries, key=lambda choice: choice[1].casefold())]


ROLE_CHOICES = [(Role.IMPLEMENTING, Role.IMPLEMENTING.label), (Role.COORDINATOR, Role.COORDINATOR.label),
                (Role.PARTNER, Role.PARTNER.label), (Role.NETWORK, Role.NETWORK.label)]  # fmt: skip
ORGANISATION_ROWS = 3


class SuggestionForm(forms.Form):
    title = PlainCharField(label=_("Name of the practice"), max_length=255)
    city = PlainCharField(label=_("City"), max_length=120, required=False)
    region = PlainCharField(label=_("Region"), max_length=120, required=False)
    country = forms.ChoiceField(label=_("Country"), choices=())
    start_year = forms.IntegerField(label=_("Start year"), min_value=1950, max_value=2100, required=False)
    end_year = forms.IntegerField(label=_("End year"), min_value=1950, max_value=2100, required=False)
    funders = PlainCharField(
        label=_("Funders"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )  # fmt: skip
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    achievements = PlainCharField(
        label=_("What it achieved"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Results, ideally with figures, and how you know them."),
    )  # fmt: skip
    transfer_conditions = PlainCharField(
        label=_("Conditions for transfer"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What another region needs to do the same: partners, money, staff, group size."),
    )  # fmt: skip
    source_url = HttpURLField(label=_("Address of a source"), required=False)
    page_text = PlainCharField(
        label=_("Text of a page describing the practice"), max_length=MAX_PASTED_TEXT, required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Optional: paste it and choose “Fill in the form from this text”; then check every field."),
    )  # fmt: skip
    submitter_name = PlainCharField(label=_("Your name"), max_length=160)
    submitter_email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    consent_contact = forms.BooleanField(
        label=_("The editors may contact me about this suggestion."),
        help_text=_("We keep your name and address only for this suggestion and never publish them."),
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by naive robots.
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _country_choices()
        self.fields["target_groups"].choices = _term_choices(TargetGroup)
        self.fields["themes"].choices = _term_choices(Theme)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for index in range(ORGANISATION_ROWS):
            self.fields[f"organisation_{index}"] = PlainCharField(
                label=_("Organisation"), max_length=255, required=False
            )
            self.fields[f"role_{index}"] = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, required=False)

    @property
    def organisation_rows(self) -> list[tuple]:
        return [(self[f"organisation_{i}"], self[f"role_{i}"]) for i in range(ORGANISATION_ROWS)]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        return data

    def organisations(self) -> list[tuple[str, str]]:
        rows = []
        for index in range(ORGANISATION_ROWS):
            name = self.cleaned_data.get(f"organisation_{index}", "")
            if name:
                rows.append((name, self.cleaned_data.get(f"role_{index}") or Role.PARTNER))
        return rows

    def funder_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("funders", "").splitlines() if line.strip()][:10]


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=[("weekly", _("Weekly")), ("monthly", _("Monthly"))],
        initial="weekly",
        widget=forms.RadioSelect,
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())
