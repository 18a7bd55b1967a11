from __future__ import annotations

import json

from django import template
from django.utils.safestring import SafeString, mark_safe

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
