"""Which practice a card shows, with which options, and the card's data.

Only live, public practices are ever found: drafts, unpublished, view-restricted (or under a
view-restricted page) and deleted practices do not exist for embeds. Contacts are never read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from practices.models import PracticePage

THEMES = ("light", "dark")
VARIANTS = ("compact", "full")
MIN_WIDTH, MAX_WIDTH = 200, 1600
DEFAULT_WIDTH = 480
# Heights the iframe starts with (embed.js then fits it to the card); measured in Chromium at 480 px.
DEFAULT_HEIGHTS = {"compact": 260, "full": 380}
SUMMARY_WORDS = {"compact": 30, "full": 120}
SLUG = re.compile(r"^[-\w]{1,255}$")


class InvalidOption(ValueError):
    """A query parameter has a value the embeds do not offer; the message says which ones they do."""


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def parse_choice(query: QueryDict, name: str, choices: tuple[str, ...] | list[str], default: str | None) -> str | None:
    value = query.get(name, "").strip()
    if not value:
        return default
    if value not in choices:
        raise InvalidOption(_("%(name)s must be one of: %(choices)s.") % {"name": name, "choices": ", ".join(choices)})
    return value


def parse_int(query: QueryDict, name: str, low: int, high: int) -> int | None:
    value = query.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise InvalidOption(
            _("%(name)s must be a whole number from %(low)s to %(high)s.") % {"name": name, "low": low, "high": high}
        )
    return int(value)


@dataclass(frozen=True)
class CardOptions:
    lang: str | None = None  # None: the practice's own language
    theme: str = "light"
    variant: str = "compact"
    max_width: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> CardOptions:
        return cls(
            lang=parse_choice(query, "lang", languages(), None),
            theme=parse_choice(query, "theme", THEMES, "light"),
            variant=parse_choice(query, "variant", VARIANTS, "compact"),
            max_width=parse_int(query, "max_width", MIN_WIDTH, MAX_WIDTH),
        )

    def query(self) -> dict[str, str]:
        """The non-default options, as query parameters for a card URL."""
        params = {}
        if self.lang:
            params["lang"] = self.lang
        if self.theme != "light":
            params["theme"] = self.theme
        if self.variant != "compact":
            params["variant"] = self.variant
        if self.max_width:
            params["max_width"] = str(self.max_width)
        return params


def embeddable() -> Any:
    """Live, public practices: the only ones an embed may show."""
    return PracticePage.objects.live().public().select_related("locale")


def is_embeddable(page: PracticePage) -> bool:
    return embeddable().filter(pk=page.pk).exists()


def find_practice(ident: str, lang: str | None = None) -> PracticePage | None:
    """The practice for ``<slug-or-id>``, in language ``lang`` when a live public translation exists."""
    practices = embeddable()
    if ident.isdigit():
        page = practices.filter(pk=int(ident)).first()
    elif SLUG.match(ident):
        # Slugs are synchronised across translations: prefer the requested language, then the default one.
        candidates = list(practices.filter(slug=ident).order_by("pk"))
        preferred = [lang, settings.LANGUAGE_CODE]

        def rank(candidate: PracticePage) -> int:
            code = candidate.locale.language_code
            return preferred.index(code) if code in preferred else len(preferred)

        candidates.sort(key=rank)
        page = candidates[0] if candidates else None
    else:
        page = None
    if page is not None and lang and page.locale.language_code != lang:
        page = practices.filter(translation_key=page.translation_key, locale__language_code=lang).first() or page
    if page is None:
        return None
    return (
        PracticePage.objects.filter(pk=page.pk)
        .select_related("locale")
        .prefetch_related("places", "themes", "target_groups", "programmes", "organisation_roles__organisation")
        .get()
    )


def _terms(terms) -> list[dict[str, str]]:
    return [{"slug": term.slug, "name": term.localized.name} for term in terms]


def _organisations(organisations) -> list[dict[str, str]]:
    return [{"name": organisation.name, "website": organisation.website} for organisation in organisations]


def card_data(page: PracticePage) -> dict[str, Any]:
    """What a card shows, as plain data (the JSON card). Labels in the practice's language. No contacts."""
    with translation.override(page.locale.language_code):
        return {
            "id": page.pk,
            "slug": page.slug,
            "language": page.locale.language_code,
            "title": page.title,
            "short_name": page.short_name,
            "summary": page.summary,
            "url": page.full_url,
            "status": {"code": page.status, "label": str(page.get_status_display())},
            "period": str(page.period),
            "start_year": page.start_year,
            "end_year": page.end_year,
            "places": [
                {"city": p.city, "region": p.region, "country": p.country, "label": str(p)} for p in page.places.all()
            ],
            "themes": _terms(page.themes.all()),
            "target_groups": _terms(page.target_groups.all()),
            "programmes": [{"slug": p.slug, "name": p.name} for p in page.programmes.all()],
            "implementing_organisations": _organisations(page.implementing_organisations),
            "funders": _organisations(page.funders),
            "last_published_at": page.last_published_at.isoformat() if page.last_published_at else None,
        }
