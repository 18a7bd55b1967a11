"""The default and active locales, looked up once per search instead of once per use.

``Locale.get_default()`` and ``Locale.get_active()`` query the database on every call; a search page
would call them a hundred times (facets, labels, each theme tag on each card).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import translation
from wagtail.models import Locale

_memo: ContextVar[dict | None] = ContextVar("search_locales", default=None)


@contextmanager
def remembered_locales() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _remember(key: str, lookup) -> Locale:
    memo = _memo.get()
    if memo is None:
        return lookup()
    if key not in memo:
        memo[key] = lookup()
    return memo[key]


def default_locale() -> Locale:
    return _remember("default", Locale.get_default)


def active_locale() -> Locale:
    return _remember(f"active:{translation.get_language()}", Locale.get_active)
