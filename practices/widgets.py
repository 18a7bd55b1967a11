"""Admin widgets of the practice record."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

import pycountry
from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from practices.validators import country_catalogue, country_name


def _sort_key(name: str) -> str:
    # "Österreich" sorts with O, not after Z
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def country_choices() -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as (code, name in the editor's language), sorted by name."""
    countries = [(country.alpha_2, country_name(country.alpha_2)) for country in pycountry.countries]
    return [("", _("Choose a country")), *sorted(countries, key=lambda item: _sort_key(item[1]))]


@functools.cache
def _search_terms(languages: tuple[str, ...]) -> dict[str, str]:
    """Per code, the words a filter matches: both codes and the name in every interface language, folded."""
    terms = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name
        names = {name, country.name}
        others = [language for language in languages if language != "en"]
        names |= {country_catalogue(language).gettext(each) for language in others for each in names}
        words = [country.alpha_2, country.alpha_3, *sorted(names)]
        terms[country.alpha_2] = _sort_key(" | ".join(words))
    return terms


class CountrySelect(forms.Select):
    """The country by name in the editor's language; stores the code.

    ``country-select.js`` adds a filter box above it: typing "deu", "Germ", "Deutsch" or "DE" narrows the
    options (names in every interface language and both ISO codes match). Without JavaScript it is a plain
    select that jumps by typed first letters.
    """

    class Media:
        js = ["practices/country-select.js"]

    def get_context(self, name, value, attrs):
        self.choices = country_choices()  # per render: the editor's language is known only now
        self.terms = _search_terms(tuple(code for code, _name in settings.LANGUAGES))
        attrs = {
            **(attrs or {}),
            "data-country-select": "",
            "data-filter-label": _("Filter countries"),
            "data-filter-placeholder": _("Name or code, e.g. Germany or DE"),
            # "%(count)s" is replaced in the browser
            "data-filter-status": _("%(count)s countries match"),
            "data-filter-none": _("No country matches. Clear the filter to see all."),
        }
        return super().get_context(name, value, attrs)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["data-terms"] = self.terms.get(str(value), "")
        return option


class LocalizedNamesWidget(forms.Widget):
    """One labelled text box per interface language; the value is ``{language code: name}``."""

    template_name = "practices/widgets/localized_names.html"

    @staticmethod
    def languages() -> list[str]:
        return [code for code, _name in settings.LANGUAGES]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        names = value if isinstance(value, dict) else {}
        base_id = (attrs or {}).get("id") or f"id_{name}"
        context["widget"]["languages"] = [
            {
                "code": code,
                "label": _("Name in %(language)s") % {"language": get_language_info(code)["name_translated"]},
                "name": f"{name}-{code}",
                "id": f"{base_id}-{code}",
                "value": names.get(code, ""),
            }
            for code in self.languages()
        ]
        return context

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer=None) -> SafeString:
        # the project's template tree (the default form renderer sees only the apps' templates)
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))  # noqa: S308

    def value_from_datadict(self, data, files, name: str) -> dict[str, str]:
        return {code: data.get(f"{name}-{code}", "") for code in self.languages()}

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return not any(f"{name}-{code}" in data for code in self.languages())

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-{self.languages()[0]}" if id_ else id_
