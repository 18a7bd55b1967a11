"""Facts that cannot change within a request, looked up once per request instead of once per use.

``Locale.get_active()``, ``Locale.get_default()`` and "is any page restricted?" query the database on
every call; a search page would ask a hundred times, a practice page twenty. ``kb.middleware.request_memo``
opens one memo per request; searches run outside a request (tasks, commands) open their own. Outside a
memo every lookup queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("practices_memo", default=None)


@contextmanager
def memo() -> Iterator[None]:
    """Remember lookups until the block ends (a nested block keeps the outer memo)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remember(key: str, lookup: Callable[[], T]) -> T:
    remembered = _memo.get()
    if remembered is None:
        return lookup()
    if key not in remembered:
        remembered[key] = lookup()
    return remembered[key]


def forget(key: str) -> None:
    """Drop ``key`` from the current memo (after the request itself changed what it remembers)."""
    remembered = _memo.get()
    if remembered is not None:
        remembered.pop(key, None)
