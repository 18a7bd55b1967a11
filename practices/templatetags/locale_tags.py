"""Language navigation: the language switcher, ``hreflang`` alternates and the canonical link.

Every configured language (``WAGTAIL_CONTENT_LANGUAGES``) gets a link. On a Wagtail page it leads to the
live translation of the same page; when there is none, to that language's practice index with
``?from=untranslated`` so the index can say why the reader landed there. Other views (contact reveal,
404...) switch the language prefix of the current address.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page

from practices.locales import language_code
from practices.memo import remember
from practices.visibility import public

register = template.Library()

UNTRANSLATED = "untranslated"
# Query parameters that do not carry over to another language (pagination and our own note).
_DROPPED_PARAMS = {"page", "from"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's name in that language ("Deutsch"), as readers look for their own
    url: str
    current: bool
    available: bool  # the same content exists in that language


def _languages() -> list[tuple[str, str]]:
    return list(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES))


def _native_name(code: str, fallback: str) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return fallback


def _carried_query(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    params = [(key, value) for key, value in request.GET.lists() if key not in _DROPPED_PARAMS]
    return "?" + urlencode(params, doseq=True) if params else ""


def _live_translations(page: Page) -> dict[str, Page]:
    pages = public(Page.objects.live()).filter(translation_key=page.translation_key).select_related("locale")
    return {translation.locale.language_code: translation for translation in pages}


def _fallback_url(code: str, request: HttpRequest | None) -> str:
    """The practice index of a language (or its home page) for content that is not translated yet."""
    from practices.models import HomePage, PracticeIndexPage

    for model in (PracticeIndexPage, HomePage):
        # by the model's own key: ``first()`` sorts by path, which PostgreSQL answered by walking every
        # page's path (50 ms at 100,000 practices, twice per page)
        pages = model.objects.live().filter(locale__language_code=code).order_by("pk")
        target = remember(f"{model.__name__} in {code}", pages.first)
        if target is not None:
            url = target.get_url(request)
            return f"{url}?from={UNTRANSLATED}" if model is PracticeIndexPage else url
    return f"/{code}/"


def language_links_for(context: template.Context, *, absolute: bool = False) -> list[LanguageLink]:
    """One link per configured language; ``absolute`` gives full URLs without the carried query string."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    if isinstance(page, Page) and page.pk:
        # The switcher and the hreflang links both ask: look the translations up once per request.
        cache = getattr(request, "_praxis_translations", None) if request is not None else None
        if cache is None:
            cache = {}
            if request is not None:
                request._praxis_translations = cache
        if page.pk not in cache:
            cache[page.pk] = _live_translations(page)
        translations = cache[page.pk]
        query = "" if absolute else _carried_query(request)
        for code, name in _languages():
            translation = translations.get(code)
            if translation is not None:
                url = translation.get_full_url(request) if absolute else translation.get_url(request) + query
                available = True
            else:
                url, available = _fallback_url(code, request), False
            links.append(LanguageLink(code, _native_name(code, name), url, code == current, available))
        return links
    path = (request.path if absolute else request.get_full_path()) if request is not None else "/"
    # The answer to a form post cannot be fetched again: switch to the other language's home page.
    switchable = request is not None and request.method in ("GET", "HEAD")
    for code, name in _languages():
        url = translate_url(path, code) if switchable else path
        available = switchable and (url != path or code == current)
        if not available:
            url = f"/{code}/"
        if absolute and request is not None:
            url = request.build_absolute_uri(url)
        links.append(LanguageLink(code, _native_name(code, name), url, code == current, available))
    return links


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context: template.Context) -> dict:
    return {"language_links": language_links_for(context)}


@register.inclusion_tag("components/alternate_links.html", takes_context=True)
def alternate_links(context: template.Context) -> dict:
    """``<link rel=canonical>`` and ``hreflang`` alternates (with ``x-default``) for the current page."""
    request = context.get("request")
    alternates = [
        {"hreflang": link.code, "href": link.url}
        for link in language_links_for(context, absolute=True)
        if link.available
    ]
    default = next((a for a in alternates if a["hreflang"] == settings.LANGUAGE_CODE), None)
    if default is not None:
        alternates.append({"hreflang": "x-default", "href": default["href"]})
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        canonical = page.get_full_url(request)
    elif request is not None:
        canonical = request.build_absolute_uri(request.path)
    else:
        canonical = ""
    return {"canonical": canonical, "alternates": alternates}


@register.simple_tag(takes_context=True)
def untranslated_note_language(context: template.Context) -> str:
    """The current language's name when the reader arrived from a page that is not translated, else ""."""
    request = context.get("request")
    if request is None or request.GET.get("from") != UNTRANSLATED:
        return ""
    return str(get_language_info(get_language())["name_translated"])


@register.simple_tag(takes_context=True)
def arrived_from_language(context: template.Context) -> dict | None:
    """When a reader was redirected here from another language's address of this practice (``?from=de``).

    The note is written in the reader's language (and marked with ``lang``), naming the language the
    practice is shown in.
    """
    request = context.get("request")
    code = request.GET.get("from", "") if request is not None else ""
    current = get_language()
    if code == current or code not in dict(_languages()):
        return None
    with translation.override(current):
        shown = str(get_language_info(current)["name"])
    with translation.override(code):
        shown = str(translation.gettext(shown))
    return {"code": code, "shown": shown}


@register.filter
def other_language(item) -> str:
    """The language code of a page or term shown in a language other than the page's, else ""."""
    code = language_code(getattr(item, "locale_id", None))
    return code if code and code != (get_language() or "").split("-")[0] else ""
