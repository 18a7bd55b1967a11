"""oEmbed 1.0 provider (https://oembed.com/): a practice page URL becomes a ``rich`` card iframe."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from wagtail.models import Site

from cards.content import DEFAULT_WIDTH, SLUG, CardOptions, embeddable
from cards.sizes import card_height
from practices.locales import language_code
from practices.models import PracticePage

VERSION = "1.0"
CACHE_AGE = 3600  # consumers may keep the iframe HTML an hour; the card inside is always current


def known_hosts(request: HttpRequest) -> set[str]:
    """Hosts our practice URLs may be written with: the one asked, and every Wagtail site's."""
    hosts = {request.get_host().lower()}
    for site in Site.objects.all():
        hosts.add(site.hostname.lower())
        hosts.add(f"{site.hostname}:{site.port}".lower())
    return hosts


def practice_for_url(url: str, request: HttpRequest) -> PracticePage | None:
    """The live, public practice whose page is at ``url``, or ``None``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or (parts.hostname or "") == "":
        return None
    if parts.netloc.lower() not in known_hosts(request):
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    if not SLUG.match(slug):
        return None
    for page in embeddable().filter(slug=slug):
        url_parts = page.get_url_parts(request)
        if url_parts and url_parts[2] == path:
            return page
    return None


def card_url(request: HttpRequest, page: PracticePage, options: CardOptions | None = None) -> str:
    options = options or CardOptions(lang=language_code(page.locale_id))
    query = urlencode(options.query())
    return request.build_absolute_uri(reverse("cards:card", args=[page.slug])) + (f"?{query}" if query else "")


def iframe_html(src: str, title: str, width: int, height: int) -> str:
    return format_html(
        '<iframe src="{}" title="{}" width="{}" height="{}" style="border:0;width:100%;max-width:{}px" '
        'loading="lazy" data-praxis-card></iframe>',
        src,
        title,
        width,
        height,
        width,
    )


def oembed_response(
    request: HttpRequest, page: PracticePage, max_width: int | None, max_height: int | None
) -> dict[str, Any]:
    width = min(DEFAULT_WIDTH, max_width) if max_width else DEFAULT_WIDTH
    variant = "compact"
    height = card_height(variant, width)  # the card's real height at this width
    if max_height:
        height = min(height, max_height)
    src = card_url(request, page, CardOptions(lang=page.locale.language_code, variant=variant))
    return {
        "version": VERSION,
        "type": "rich",
        "provider_name": settings.WAGTAIL_SITE_NAME,
        "provider_url": request.build_absolute_uri("/"),
        "title": page.title,
        "html": iframe_html(src, page.title, width, height),
        "width": width,
        "height": height,
        "cache_age": CACHE_AGE,
    }


def to_xml(data: dict[str, Any]) -> bytes:
    root = ElementTree.Element("oembed")
    for name, value in data.items():
        ElementTree.SubElement(root, name).text = str(value)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def discovery_urls(request: HttpRequest, page: PracticePage) -> dict[str, str]:
    """Absolute oEmbed endpoint URLs for a practice page, JSON and XML."""
    endpoint = request.build_absolute_uri(reverse("cards:oembed"))
    return {
        fmt: f"{endpoint}?{urlencode({'url': page.get_full_url(request), 'format': fmt})}" for fmt in ("json", "xml")
    }
