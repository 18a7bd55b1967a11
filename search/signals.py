"""After a practice is published, its similar practices are recomputed in the background.

The search index itself is kept current by Wagtail (every save of a page is indexed), the facet index
follows the content version of ``practices.changes``, and the ORM only lets live, public pages through,
so unpublishing needs nothing here.
"""

from __future__ import annotations

from django.db import transaction

from practices.models import PracticePage


def practice_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        from search.tasks import refresh_similar

        page_id = instance.pk
        transaction.on_commit(lambda: refresh_similar.enqueue(page_id), robust=True)
