"""Model and form fields of the practice record that the admin fills in a friendlier way than Django's.

- ``CountryField`` stores an ISO 3166-1 alpha-2 code; its form field takes the code, the three-letter code or
  the country's name in any interface language ("Germany", "Deutschland", "deu", "de") and keeps the code.
  In the admin it is a select of names in the editor's language that a filter box narrows (``CountrySelect``).
- ``LocalizedNamesField`` stores names per language code as a JSON object (``{"de": "Bundesagentur für
  Arbeit"}``); its form shows one text box per language in ``LANGUAGES``.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

import pycountry
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from practices.validators import country_catalogue, validate_country_code
from practices.widgets import CountrySelect, LocalizedNamesWidget

COUNTRY_HELP = _("Type a name or code in the filter box (e.g. Germany, Deutschland, DE) and pick the country.")


def fold(text: str) -> str:
    """Case and diacritics folded: "Österreich" and "osterreich" are the same key."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().strip()


def _interface_languages() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


@functools.cache
def _country_keys(languages: tuple[str, ...]) -> dict[str, str]:
    keys: dict[str, str] = {}
    for country in pycountry.countries:
        english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        names = [name for name in english if name]
        for language in languages:
            if language != "en":
                names += [country_catalogue(language).gettext(name) for name in list(names)]
        for name in names:
            keys.setdefault(fold(name), country.alpha_2)
    for country in pycountry.countries:  # codes win over names ("DE" is Germany, whatever a name folds to)
        keys[fold(country.alpha_2)] = country.alpha_2
        keys[fold(country.alpha_3)] = country.alpha_2
    return keys


def country_code_for(value: str) -> str | None:
    """The alpha-2 code of a country given by code (two or three letters) or by name in an interface language."""
    return _country_keys(_interface_languages()).get(fold(value or ""))


class CountryFormField(forms.CharField):
    default_error_messages = {
        "unknown_country": _(
            "“%(value)s” is not a country we know. Choose one from the list, or type its name "
            "(in English or German) or its two-letter code."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)  # a name is longer than the code it stands for
        kwargs.setdefault("widget", CountrySelect)
        super().__init__(max_length=120, **kwargs)

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        code = country_code_for(value)
        if code is None:
            raise ValidationError(
                self.error_messages["unknown_country"], code="unknown_country", params={"value": value}
            )
        return code


class CountryField(models.CharField):
    """An ISO 3166-1 alpha-2 code, upper case; edited as a searchable select of names."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2)
        super().__init__(*args, **kwargs)
        if validate_country_code not in self.validators:
            self.validators.append(validate_country_code)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)  # always the same one, added in __init__
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> forms.Field:
        return super().formfield(**{"form_class": CountryFormField, "widget": CountrySelect, **kwargs})


class LocalizedNamesFormField(forms.Field):
    widget = LocalizedNamesWidget

    def to_python(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            return {}
        languages = _interface_languages()
        names = {code: " ".join(str(text).split()) for code, text in value.items() if code in languages}
        return {code: text for code, text in names.items() if text}

    def validate(self, value: dict[str, str]) -> None:
        for code, text in value.items():
            if len(text) > 255:
                raise ValidationError(
                    _("The name in %(language)s is longer than 255 characters."),
                    code="max_length",
                    params={"language": get_language_info(code)["name_translated"]},
                )

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python(initial) != self.to_python(data)


class LocalizedNamesField(models.JSONField):
    """Names by language code, ``{"de": "..."}``; languages without a name of their own are left out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> forms.Field:
        # JSONField's own form field expects JSON text; ours gets a dict from the widget's text boxes.
        defaults = {
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "initial": dict,
        }
        kept = {key: value for key, value in kwargs.items() if key in ("label", "help_text", "required", "widget")}
        return LocalizedNamesFormField(**{**defaults, **kept})
