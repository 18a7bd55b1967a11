"""Publishing, unpublishing, moving, restricting or deleting a practice invalidates the cached embeds."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cards.cache import invalidate
from practices.models import PracticePage


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, instance, **kwargs) -> None:
    # A change to an ancestor (e.g. the practice index) changes the practices' URLs and visibility too.
    invalidate()


@receiver(post_delete, sender=PracticePage)
def practice_deleted(sender, instance, **kwargs) -> None:
    invalidate()


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs) -> None:
    invalidate()
