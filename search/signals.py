"""Keep similar practices current when a practice is published.

The search index itself is kept current by Wagtail (every save of a page is indexed), and the ORM
only lets live, public pages through, so unpublishing needs nothing here.
"""

from __future__ import annotations

from practices.models import PracticePage


def practice_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        from search.similar import refresh_after_publish

        refresh_after_publish(instance)
