"""Finding the practices a transfer view shows: by slug, in the active language where translated."""

from __future__ import annotations

from wagtail.models import Locale

from practices.locales import active_locale
from practices.models import PracticePage
from practices.visibility import public


def practice_by_slug(slug: str, locale: Locale | None = None) -> PracticePage | None:
    """The live, public practice with ``slug`` in the active locale, else in the language it exists in."""
    locale = locale or active_locale()
    pages = public(PracticePage.objects.live()).filter(slug=slug, alias_of__isnull=True).select_related("locale")
    found = list(pages)
    if not found:
        return None
    for page in found:
        if page.locale_id == locale.pk:
            return page
    default = Locale.get_default()
    return next((page for page in found if page.locale_id == default.pk), found[0])
