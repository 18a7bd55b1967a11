"""Keep the search documents current when practices or their labels change; similar practices follow in
the background after a publication.

Documents are rewritten from the database (never from the instance in memory, which may hold an
unpublished draft), inside the transaction of the change. The facet index follows the content version of
``practices.changes``, and the ORM only lets live, public pages through, so the document of an
unpublished page may stay.
"""

from __future__ import annotations

from django.db import transaction

from practices.models import Organisation, PracticePage, Programme


def practice_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        from search.documents import index_practices
        from search.tasks import refresh_similar

        index_practices([instance.pk])
        page_id = instance.pk
        transaction.on_commit(lambda: refresh_similar.enqueue(page_id), robust=True)


def practice_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """Pages saved live without a publish signal (imports, factories); revision bookkeeping saves are skipped."""
    if not isinstance(instance, PracticePage):
        return
    if update_fields is not None and not {"title", "live"} & set(update_fields):
        return
    from search.documents import index_practices

    index_practices([instance.pk])


def practice_deleted(sender, instance, **kwargs) -> None:
    from search.documents import remove_practices

    remove_practices([instance.pk])


def labels_changed(sender, instance, created=False, **kwargs) -> None:
    """A renamed term, programme or organisation: the documents of the practices tagged with it."""
    if created:
        return
    from search.documents import index_practices

    if sender is Organisation:
        ids = PracticePage.objects.filter(organisation_roles__organisation=instance).values_list("pk", flat=True)
    elif sender is Programme:
        ids = instance.practices.values_list("pk", flat=True)
    else:
        ids = PracticePage.objects.filter(
            **{f"{_field_of(sender)}__translation_key": instance.translation_key}
        ).values_list("pk", flat=True)
    index_practices(set(ids))


def _field_of(model) -> str:
    return {"Theme": "themes", "TargetGroup": "target_groups", "TransferAudience": "transfer_audiences"}[model.__name__]


def visibility_changed(sender, **kwargs) -> None:
    """A move or a view restriction: the change feed records it; a search cluster follows after the commit."""
    from search.engine import answered_by_cluster

    if answered_by_cluster():
        from search.cluster import schedule_sync

        schedule_sync()
