"""Precomputed similar practices: filled when a practice is published and by ``refresh_search``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SimilarPractice(models.Model):
    page = models.ForeignKey("practices.PracticePage", on_delete=models.CASCADE, related_name="similar_links")
    similar = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="similarpractice_links"
    )
    score = models.FloatField(_("score"))
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["page", "position"]
        unique_together = [("page", "similar")]
        verbose_name = _("similar practice")
        verbose_name_plural = _("similar practices")

    def __str__(self) -> str:
        return f"{self.page_id} → {self.similar_id} ({self.score:.2f})"


class SearchWord(models.Model):
    """A word of the indexed practices as a person types it (folded), with the number of practices using it.

    The vocabulary spelling suggestions are chosen from, per language. Rebuilt by ``refresh_search``;
    publishing adds the new words of a practice (counts stay approximate until the next rebuild).
    """

    language = models.CharField(max_length=8)
    word = models.CharField(max_length=64)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = [("language", "word")]
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return f"{self.word} ({self.language}, {self.documents})"

    @classmethod
    def add(cls, counts) -> None:
        """Record words of newly indexed practices (existing words keep their count)."""
        cls.objects.bulk_create(
            [cls(language=language, word=word[:64], documents=n) for (language, word), n in counts.items()],
            ignore_conflicts=True,
            batch_size=1000,
        )

    @classmethod
    def replace(cls, counts) -> None:
        cls.objects.all().delete()
        cls.add(counts)
