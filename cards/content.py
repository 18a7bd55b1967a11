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
from pydantic import BaseModel, ConfigDict, create_model

from practices.memo import remember
from practices.models import PracticePage
from practices.params import ASCII_DIGITS, LARGEST_ID, ParameterError, ascii_int, choice, integer, read, text
from practices.visibility import public

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


class _Query(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


# The card's parameters (the card and the JSON card), validated strictly: a bad option is a 400.
CardQuery: type[BaseModel] = create_model(
    "CardQuery",
    __base__=_Query,
    lang=choice(languages(), None, "Language of the card; default: the practice's own"),
    theme=choice(THEMES, "light", "Colour theme"),
    variant=choice(VARIANTS, "compact", "Amount of detail"),
    max_width=integer(MIN_WIDTH, MAX_WIDTH, None, "Largest width of the card in pixels"),
)

# oEmbed's parameters; a missing url and an unknown format are answered by the view, as the specification asks.
OEmbedQuery: type[BaseModel] = create_model(
    "OEmbedQuery",
    __base__=_Query,
    url=text("URL of a practice page", max_length=2000),
    format=text("json or xml", max_length=10, default="json"),
    maxwidth=integer(1, 10_000, None, "Largest width in pixels"),
    maxheight=integer(1, 10_000, None, "Largest height in pixels"),
)


def read_query(model: type[BaseModel], query: QueryDict) -> Any:
    """``model`` read strictly from a query string; InvalidOption names what is wrong."""
    try:
        return read(model, query, strict=True)
    except ParameterError as error:
        raise InvalidOption(error.message) from None


@dataclass(frozen=True)
class CardOptions:
    lang: str | None = None  # None: the practice's own language
    theme: str = "light"
    variant: str = "compact"
    max_width: int | None = None

    @classmethod
    def from_query(cls, query: QueryDict) -> CardOptions:
        options = read_query(CardQuery, query)
        return cls(lang=options.lang, theme=options.theme, variant=options.variant, max_width=options.max_width)

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
    return public(PracticePage.objects.live()).select_related("locale")


def is_embeddable(page: PracticePage) -> bool:
    # asked twice by a practice page (oEmbed discovery links and "embed this practice"): once per request
    return remember(f"embeddable {page.pk}", embeddable().filter(pk=page.pk).exists)


def find_practice(ident: str, lang: str | None = None) -> PracticePage | None:
    """The practice for ``<slug-or-id>``, in language ``lang`` when a live public translation exists."""
    practices = embeddable()
    if ASCII_DIGITS.fullmatch(ident):
        pk = ascii_int(ident, 1, LARGEST_ID)  # past 64 bits: no such practice (SQLite would overflow)
        page = practices.filter(pk=pk).first() if pk is not None else None
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
    # in the card's language where the organisation has a name in it (card_data overrides the language)
    return [{"name": organisation.local_name, "website": organisation.website} for organisation in organisations]


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
