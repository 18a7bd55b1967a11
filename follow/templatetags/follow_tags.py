"""Links to follow, export and suggest, for the search page and the practice page."""

from __future__ import annotations

from django import template
from django.urls import reverse

from search.engine import SearchParams
from search.page import query_string

register = template.Library()


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


@register.simple_tag
def follow_urls(params: SearchParams | None) -> dict[str, str]:
    """The feed, e-mail alert and download addresses of the search in ``params`` (the active language)."""
    query = query_string(params) if params is not None else ""
    return {
        "feed": _with_query(reverse("follow:search_feed"), query),
        "alert": _with_query(reverse("follow:subscribe"), query),
        "csv": _with_query(reverse("follow:export", kwargs={"fmt": "csv"}), query),
        "jsonl": _with_query(reverse("follow:export", kwargs={"fmt": "jsonl"}), query),
        "xlsx": _with_query(reverse("follow:export", kwargs={"fmt": "xlsx"}), query),
    }
