"""Admin widgets of the practice record."""

from __future__ import annotations

import unicodedata

import pycountry
from django import forms
from django.utils.translation import gettext as _

from practices.validators import country_name


def _sort_key(name: str) -> str:
    # "Österreich" sorts with O, not after Z
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as (code, name in the editor's language), sorted by name."""
    countries = [(country.alpha_2, country_name(country.alpha_2)) for country in pycountry.countries]
    return [("", _("Choose a country")), *sorted(countries, key=lambda item: _sort_key(item[1]))]


class CountrySelect(forms.Select):
    """The country by name in the editor's language (type a name's first letters to jump to it); stores the code."""

    def get_context(self, name, value, attrs):
        self.choices = country_choices()  # per render: the editor's language is known only now
        return super().get_context(name, value, attrs)
