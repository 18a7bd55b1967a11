"""Keep the search documents and similar practices current when practices change.

The ORM only lets live, public pages through, so a document of an unpublished page may stay; it is
rewritten from the database (never from the instance in memory, which may hold an unpublished draft).
"""

from __future__ import annotations

from practices.models import PracticePage


def practice_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        from search.documents import index_practices
        from search.similar import refresh_after_publish

        index_practices([instance.pk])
        refresh_after_publish(instance)


def practice_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """Pages saved live without a publish signal (imports, factories); revision bookkeeping saves are skipped."""
    if update_fields is not None and not {"title", "live"} & set(update_fields):
        return
    from search.documents import index_practices

    index_practices([instance.pk])


def practice_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        from search.documents import remove_practices

        remove_practices([instance.pk])
