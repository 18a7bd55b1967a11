from __future__ import annotations

import datetime
import functools
import gettext
import re

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1950


def validate_year(value: int | None) -> None:
    """Years of a practice lie between 1950 and next year (plans announced for next year are fine)."""
    if value is None:
        return
    last = datetime.date.today().year + 1
    if not FIRST_YEAR <= value <= last:
        raise ValidationError(
            _("Enter a year between %(first)s and %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": last},
        )


def validate_country_code(value: str) -> None:
    """ISO 3166-1 alpha-2, upper case (DE, AT, NL...)."""
    if not value or len(value) != 2 or not value.isupper() or pycountry.countries.get(alpha_2=value) is None:
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-2 country code (for example DE, AT, NL)."),
            code="invalid_country",
            params={"value": value},
        )


@functools.cache
def country_catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str) -> str:
    """The country's name in the active language (pycountry's ISO 3166 catalogues), English otherwise."""
    country = pycountry.countries.get(alpha_2=code or "")
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    language = (get_language() or "en").split("-")[0]
    return name if language == "en" else country_catalogue(language).gettext(name)


HTTP_SCHEMES = ("http", "https")


def is_http_url(value: str) -> bool:
    """Whether ``value`` is an absolute http(s) address: the only kind of link taken from outside."""
    value = (value or "").strip()
    scheme, _, rest = value.partition(":")
    # Browsers drop control characters and whitespace inside a scheme ("java\tscript:"), so compare what is left.
    scheme = "".join(ch for ch in scheme if ch.isprintable() and not ch.isspace()).lower()
    return scheme in HTTP_SCHEMES and rest.startswith("//") and len(rest) > 2


def validate_http_url(value: str) -> None:
    """Addresses that come from outside (sources, canonical links, resources, websites) are http or https."""
    if value and not is_http_url(value):
        raise ValidationError(
            _("Enter an address that starts with http:// or https://."), code="not_http", params={"value": value}
        )


_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+|\(at\)|\[at\]", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?|ftp)://|\bwww\.|\b[\w-]+\.(?:de|com|org|net|eu|info|at|ch)(?:/|\b)", re.IGNORECASE)
_PHONE = re.compile(r"(?:\+|\b(?:tel|phone|fon|fax)\b\.?:?\s*|\b0)[\d\s/().-]{6,}\d", re.IGNORECASE)


def organisation_name_problem(name: str) -> str:
    """Why ``name`` cannot be an organisation's name (an e-mail address, phone number or web address), or ""."""
    if _EMAIL.search(name):
        return "an e-mail address"
    if _URL.search(name):
        return "a web address"
    match = _PHONE.search(name)
    if match and sum(ch.isdigit() for ch in match.group()) >= 6:
        return "a phone number"
    return ""


def validate_organisation_name(value: str) -> None:
    """An organisation's name never holds contact data: that belongs to contacts, not to a reusable record."""
    problem = organisation_name_problem(value or "")
    if problem:
        raise ValidationError(
            _("An organisation's name cannot contain %(what)s."), code="contact_data_in_name", params={"what": problem}
        )
