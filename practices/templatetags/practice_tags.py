from __future__ import annotations

import json

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

from practices.locales import language_code
from practices.schema_org import practice_json_ld as build_json_ld

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def practice_json_ld(page) -> SafeString:
    """schema.org JSON-LD for a practice, escaped so no text can close the script element."""
    data = json.dumps(build_json_ld(page), ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')  # noqa: S308


@register.filter
def filter_count(filters: dict[str, list[str]] | None) -> int:
    """How many filter values are selected (the number on the "Filters (n)" button)."""
    return sum(len(values) for values in (filters or {}).values())


@register.simple_tag(takes_context=True)
def site_absolute_url(context, path: str) -> str:
    """``path`` on the site's own address (the configured site; the request's host in development)."""
    page = context.get("page")
    request = context.get("request")
    parts = page.get_url_parts(request) if page is not None and hasattr(page, "get_url_parts") else None
    if parts:
        return parts[1].rstrip("/") + path
    return request.build_absolute_uri(path) if request is not None else path


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context) -> dict:
    """Open Graph and Twitter tags for the current page."""
    page = context.get("page")
    language = language_code(page.locale_id) if page is not None else settings.LANGUAGE_CODE
    return {
        "page": page,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "url": site_absolute_url(context, page.url) if page is not None else "",
        "image": site_absolute_url(context, static("img/praxis-512.png")),
        "og_locale": {"en": "en_GB", "de": "de_DE"}.get(language, language),
        "description": page.search_description or getattr(page, "summary", "") if page is not None else "",
    }
