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
