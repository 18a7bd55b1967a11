"""Which pages the public may see."""

from __future__ import annotations

from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


def public(pages: PageQuerySet) -> PageQuerySet:
    """``pages.public()``, without its work when no page has a view restriction (the usual case).

    Wagtail's ``public()`` loads every restriction joined to its page; on SQLite that join scans every
    page even when there is no restriction at all (5 ms at 10,000 practices, several times per request).
    """
    if not PageViewRestriction.objects.exists():
        return pages
    return pages.public()
