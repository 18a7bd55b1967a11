"""Embed routes. None of them touches the session or the CSRF token, so they set no cookie and no ``Vary: Cookie``.

Cache-Control: ``public, max-age=EMBEDS_CACHE_SECONDS`` (300 s by default) on cards, oEmbed and JSON;
the server-side cache is dropped the moment a practice is published, unpublished, restricted or deleted.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from http import HTTPStatus

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_safe

from cards import cache as embed_cache
from cards.content import (
    SUMMARY_WORDS,
    CardOptions,
    InvalidOption,
    OEmbedQuery,
    card_data,
    find_practice,
    read_query,
)
from cards.oembed import card_url, discovery_urls, oembed_response, practice_for_url, to_xml

CARD_SCRIPT_TEMPLATE = "cards/card_resize.js"


def _bad_request(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _respond(request: HttpRequest, entry: embed_cache.Entry) -> HttpResponse:
    response = HttpResponse(entry.body, content_type=entry.content_type)
    response["ETag"] = entry.etag
    if entry.last_modified is not None:
        response["Last-Modified"] = http_date(entry.last_modified)
    patch_cache_control(response, public=True, max_age=settings.EMBEDS_CACHE_SECONDS)
    response["X-Robots-Tag"] = "noindex"
    response["Content-Language"] = entry.language
    return get_conditional_response(
        request, etag=entry.etag, last_modified=entry.last_modified and int(entry.last_modified), response=response
    )


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def frame_ancestors() -> str:
    allowed = settings.EMBEDS_FRAME_ANCESTORS or ["*"]
    if "*" in allowed:
        return "*"
    return " ".join(["'self'", *[origin for origin in allowed if origin != "'self'"]])


@lru_cache(maxsize=8)
def _resize_script(allowed_origins: tuple[str, ...]) -> tuple[str, str]:
    """The card's inline resize script for this allow-list, and its CSP hash."""
    script = render_to_string(CARD_SCRIPT_TEMPLATE, {"allowed_origins": json.dumps(list(allowed_origins))})
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return script, f"'sha256-{digest}'"


@xframe_options_exempt
@require_safe
def card(request: HttpRequest, ident: str) -> HttpResponse:
    """The card of a live, public practice, framed by other sites. Options: lang, theme, variant, max_width."""
    try:
        options = CardOptions.from_query(request.GET)
    except InvalidOption as error:
        return _bad_request(str(error))
    allowed = tuple(settings.EMBEDS_FRAME_ANCESTORS or ["*"])
    script, script_hash = _resize_script(allowed)

    def build() -> embed_cache.Built | None:
        page = find_practice(ident, options.lang)
        if page is None:
            return None
        language = options.lang or page.locale.language_code
        with translation.override(language):
            html = render_to_string(
                "cards/card.html",
                {
                    "practice": page,
                    "options": options,
                    "language": language,
                    "summary_words": SUMMARY_WORDS[options.variant],
                    "resize_script": script,
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            )
        return embed_cache.Built(html.encode(), "text/html; charset=utf-8", page.last_published_at, language)

    entry = embed_cache.cached(("card", ident, options, allowed), build)
    if entry is None:
        # A small page of its own rather than the site's 404 page, which would read the session.
        response = HttpResponseNotFound(_unavailable_card(request, options), content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = (
            f"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
            f"frame-ancestors {frame_ancestors()}"
        )
        return response
    response = _respond(request, entry)
    response["Content-Security-Policy"] = (
        f"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src {script_hash}; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors()}"
    )
    return response


def _unavailable_card(request: HttpRequest, options: CardOptions) -> str:
    """What a reader sees in the frame of a practice that was unpublished or never existed."""
    language = options.lang or settings.LANGUAGE_CODE
    with translation.override(language):
        return render_to_string(
            "cards/unavailable.html",
            {
                "language": language,
                "options": options,
                "site_name": settings.WAGTAIL_SITE_NAME,
                "practices_url": request.build_absolute_uri(f"/{language}/practices/"),
            },
        )


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def card_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The card's data as JSON, open to every origin (CORS) for GET."""
    if request.method == "OPTIONS":
        return _cors(HttpResponse(status=HTTPStatus.NO_CONTENT))
    try:
        options = CardOptions.from_query(request.GET)
    except InvalidOption as error:
        return _cors(_json_error(str(error), HTTPStatus.BAD_REQUEST))
    base = request.build_absolute_uri("/")

    def build() -> embed_cache.Built | None:
        page = find_practice(str(pk), options.lang)
        if page is None:
            return None
        data = card_data(page)
        data["embed"] = {
            "card": card_url(request, page),
            "oembed": discovery_urls(request, page)["json"],
            "script": request.build_absolute_uri("/embed.js"),
        }
        body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
        return embed_cache.Built(body, "application/json", page.last_published_at, page.locale.language_code)

    entry = embed_cache.cached(("json", pk, options.lang, base), build)
    if entry is None:
        return _cors(_json_error(_("No live, public practice has this id."), HTTPStatus.NOT_FOUND))
    return _cors(_respond(request, entry))


def _json_error(message: str, status: int) -> HttpResponse:
    return HttpResponse(json.dumps({"error": message}), content_type="application/json", status=status)


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def oembed(request: HttpRequest) -> HttpResponse:
    """oEmbed 1.0: ``?url=<practice page URL>&format=json|xml&maxwidth=&maxheight=``."""
    if request.method == "OPTIONS":
        return _cors(HttpResponse(status=HTTPStatus.NO_CONTENT))
    try:
        query = read_query(OEmbedQuery, request.GET)
    except InvalidOption as error:
        return _cors(_bad_request(str(error)))
    url, fmt, max_width, max_height = query.url, query.format or "json", query.maxwidth, query.maxheight
    if not url:
        return _cors(_bad_request(_("The url parameter is required.")))
    if fmt not in ("json", "xml"):
        # The specification's answer to a format the provider does not offer.
        return _cors(HttpResponse(_("format must be json or xml."), status=HTTPStatus.NOT_IMPLEMENTED))
    base = request.build_absolute_uri("/")

    def build() -> embed_cache.Built | None:
        page = practice_for_url(url, request)
        if page is None:
            return None
        data = oembed_response(request, page, max_width, max_height)
        if fmt == "xml":
            return embed_cache.Built(
                to_xml(data), "text/xml; charset=utf-8", page.last_published_at, page.locale.language_code
            )
        body = json.dumps(data, ensure_ascii=False).encode()
        return embed_cache.Built(body, "application/json", page.last_published_at, page.locale.language_code)

    entry = embed_cache.cached(("oembed", url, fmt, max_width, max_height, base), build)
    if entry is None:
        return _cors(HttpResponse(_("No live, public practice at this URL."), status=HTTPStatus.NOT_FOUND))
    return _cors(_respond(request, entry))


@lru_cache(maxsize=1)
def _embed_js() -> bytes:
    with open(finders.find("cards/embed.js"), "rb") as script:
        return script.read()


@require_safe
def embed_js(request: HttpRequest) -> HttpResponse:
    """The script snippet's loader, at a short stable address (``/embed.js``)."""
    response = HttpResponse(_embed_js(), content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def ping(request: HttpRequest) -> HttpResponse:
    """A constant answer through the same middleware: the ceiling of ``make loadtest``."""
    return HttpResponse(b"pong", content_type="text/plain")
