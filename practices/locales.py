"""The default and active locales, looked up once per request (``practices.memo``) instead of once per use."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from practices.memo import remember


def _locales() -> dict[str, Locale]:
    """Every locale by language code: one query serves the default, the active and every id lookup."""
    return remember("locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()})


def _locale_for(language: str | None) -> Locale | None:
    try:
        return _locales().get(get_supported_content_language_variant(language))
    except LookupError:
        return None


def default_locale() -> Locale:
    return _locale_for(settings.LANGUAGE_CODE) or Locale.get_default()


def active_locale() -> Locale:
    """As ``Locale.get_active()``: the active language's locale, else the default one."""
    return _locale_for(translation.get_language()) or default_locale()


def language_code(locale_id: int | None) -> str:
    """The language code of a locale id, without loading the locale."""
    return next((code for code, locale in _locales().items() if locale.pk == locale_id), "")
