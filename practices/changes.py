"""The change feed: one place that knows when the published content changed.

Every change a visitor could see (publishing, unpublishing, deleting or moving a page, adding, changing
or removing a view restriction, saving or deleting a vocabulary term or an organisation) raises ONE
content version in the database, inside the transaction that makes the change, and notes what changed
(``ContentChange``: a page, labels, or everything). Readers keep whatever they derived from the content
together with the version they derived it from and compare it with ``current_version()`` (one indexed
read) at each request: the search's facet index applies the changes since its version
(``changes_between``), the cards cache drops its entries. Because the version lives in the database, every
worker process sees a change at its next request, with or without a shared cache.

Apps above ``practices`` (search, cards) only read; the feed imports none of them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from practices.models import (
    ContentChange,
    ContentVersion,
    Organisation,
    OrganisationType,
    PracticeOrganisation,
    PracticePage,
    Programme,
    TargetGroup,
    Theme,
    TransferAudience,
)

# A change touching more practices than this is recorded as "everything changed" (readers rebuild).
MAX_PAGES_PER_CHANGE = 200
# Changes older than this many versions are pruned; a reader further behind rebuilds.
KEPT_VERSIONS = 1000
# Page saves that only touch drafts, revisions or locks: visitors see nothing new.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
VOCABULARIES = (Theme, TargetGroup, TransferAudience, OrganisationType, Programme)


def current_version() -> int:
    """The content version (0 before any change)."""
    return ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def record(page_ids: Iterable[int] = (), *, labels: bool = False, everything: bool = False) -> int:
    """Raise the content version inside the current transaction and note what changed; returns the version."""
    ids = sorted({pk for pk in page_ids if pk is not None})
    if len(ids) > MAX_PAGES_PER_CHANGE:
        ids, everything = [], True
    with transaction.atomic():
        if not ContentVersion.objects.filter(pk=1).update(value=F("value") + 1):
            ContentVersion.objects.get_or_create(pk=1)
            ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)
        version = ContentVersion.objects.values_list("value", flat=True).get(pk=1)
        if everything:
            rows = [ContentChange(version=version, kind=ContentChange.ALL)]
        else:
            rows = [ContentChange(version=version, page_id=pk) for pk in ids]
            if labels:
                rows.append(ContentChange(version=version, kind=ContentChange.LABELS))
            if not rows:  # the version moved (e.g. a URL), nothing in particular for the search
                rows.append(ContentChange(version=version))
        ContentChange.objects.bulk_create(rows)
    if version % 100 == 0:
        transaction.on_commit(lambda: prune(version))
    return version


def changes_between(old: int, new: int) -> list[ContentChange] | None:
    """The changes of versions ``old`` (excluded) to ``new``; None when some were pruned (rebuild instead)."""
    if new <= old:
        return []
    changes = list(ContentChange.objects.filter(version__gt=old, version__lte=new))
    if len({change.version for change in changes}) != new - old:
        return None
    return changes


def prune(version: int) -> None:
    ContentChange.objects.filter(version__lte=version - KEPT_VERSIONS).delete()


def _practices_under(page: Page) -> list[int] | None:
    """Ids of the practices at or below ``page``; None when there are too many to list."""
    ids = list(
        PracticePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)[
            : MAX_PAGES_PER_CHANGE + 1
        ]
    )
    return None if len(ids) > MAX_PAGES_PER_CHANGE else ids


def page_changed(page: Page) -> None:
    """A page's visibility, place or content changed: the practice itself, or the practices below it."""
    if page.specific_class is PracticePage or isinstance(page, PracticePage):
        record([page.pk])
        return
    below = _practices_under(page)
    if below is None:
        record(everything=True)
    else:
        record([page.pk, *below])


# Receivers ---------------------------------------------------------------------------------------


@receiver(page_published, dispatch_uid="practices_changes_published")
@receiver(page_unpublished, dispatch_uid="practices_changes_unpublished")
@receiver(post_page_move, dispatch_uid="practices_changes_moved")
def _page_signal(sender, instance, **kwargs) -> None:
    page_changed(instance)


@receiver(post_save, sender=PracticePage, dispatch_uid="practices_changes_practice_saved")
def _practice_saved(sender, instance, created, update_fields=None, raw=False, **kwargs) -> None:
    # Live pages saved without a publish signal (imports, factories, scripts); drafts only when they were live.
    if raw or (update_fields and set(update_fields) <= DRAFT_FIELDS) or (created and not instance.live):
        return
    record([instance.pk])


@receiver(post_delete, sender=Page, dispatch_uid="practices_changes_page_deleted")
def _page_deleted(sender, instance, **kwargs) -> None:
    record([instance.pk])  # deleting a section deletes (and so reports) each page below it


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="practices_changes_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="practices_changes_restriction_deleted")
def _restriction_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    try:
        page = instance.page
    except Page.DoesNotExist:  # deleted together with its page, which reports itself
        return
    page_changed(page)


def _term_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if kwargs.get("signal") is post_delete:
        record(everything=True)
        return
    if isinstance(instance, OrganisationType):
        links = PracticeOrganisation.objects.filter(organisation__organisation_type=instance)
        linked = links.values_list("page_id", flat=True).distinct()
    else:
        linked = instance.practices.values_list("pk", flat=True)
    record(linked[: MAX_PAGES_PER_CHANGE + 1], labels=True)


def _organisation_changed(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    if kwargs.get("signal") is post_delete:
        record(everything=True)
        return
    linked = PracticeOrganisation.objects.filter(organisation=instance).values_list("page_id", flat=True)
    record(linked[: MAX_PAGES_PER_CHANGE + 1], labels=True)


for _model in VOCABULARIES:
    for _signal in (post_save, post_delete):
        _signal.connect(_term_changed, sender=_model, dispatch_uid=f"practices_changes_{_model.__name__}_{id(_signal)}")
for _signal in (post_save, post_delete):
    _signal.connect(_organisation_changed, sender=Organisation, dispatch_uid=f"practices_changes_org_{id(_signal)}")
