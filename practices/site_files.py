"""Files browsers and crawlers ask for at fixed addresses: robots.txt, favicon.ico, apple-touch-icon.png."""

from __future__ import annotations

from functools import lru_cache

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl the pages, not the admin, the API or searches; the sitemap lists every language."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /embed/",
        "Disallow: /oembed/",
        "Disallow: /*?*q=",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=86400)
    return response


@lru_cache(maxsize=4)
def _static_bytes(name: str) -> bytes:
    with open(finders.find(name), "rb") as handle:
        return handle.read()


def _static_file(name: str, content_type: str):
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(_static_bytes(name), content_type=content_type)
        patch_cache_control(response, public=True, max_age=86400 * 7)
        return response

    return view


favicon_ico = _static_file("favicon.ico", "image/x-icon")
apple_touch_icon = _static_file("apple-touch-icon.png", "image/png")
