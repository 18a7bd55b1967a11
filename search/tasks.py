"""Work after publishing, run by django-tasks off the request (``TASKS``: immediately in development and
tests, by ``manage.py db_worker`` in production).

The publish request only enqueues, after its transaction commits (``search.signals``). The facet index
needs no task: each worker applies the changed practice to its own in-memory index at its next request
(``search.facet_index``), a few milliseconds.
"""

from __future__ import annotations

from django_tasks import task

from practices.models import PracticePage


@task()
def refresh_similar(page_id: int) -> None:
    """Similar practices of a published practice and of its neighbours (the new practice may belong there)."""
    from search.similar import refresh_after_publish

    page = PracticePage.objects.live().filter(pk=page_id).first()
    if page is not None:
        refresh_after_publish(page)


@task()
def sync_cluster() -> None:
    """The search cluster follows the change feed: the groups of the changed practices, written to the aliases."""
    from search.cluster import sync

    sync()
