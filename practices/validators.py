from __future__ import annotations

import datetime
import functools
import gettext

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
def _country_names(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str) -> str:
    """The country's name in the active language (pycountry's ISO 3166 catalogues), English otherwise."""
    country = pycountry.countries.get(alpha_2=code or "")
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    language = (get_language() or "en").split("-")[0]
    return name if language == "en" else _country_names(language).gettext(name)
