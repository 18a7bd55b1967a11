"""The version of the published content, and what each version changed (see ``practices.changes``)."""

from __future__ import annotations

from django.db import models


class ContentVersion(models.Model):
    """One row: raised inside every transaction that changes what visitors can see.

    Writers raise it with ``UPDATE … SET value = value + 1``; the row lock makes versions commit in
    order, so a reader that has seen version N has seen every change up to N.
    """

    value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"content version {self.value}"


class ContentChange(models.Model):
    """What one version changed: a page (``kind="page"``), labels of vocabularies or organisations, or everything."""

    PAGE, LABELS, ALL = "page", "labels", "all"
    KINDS = [(PAGE, "page"), (LABELS, "labels"), (ALL, "all")]

    version = models.PositiveBigIntegerField(db_index=True)
    kind = models.CharField(max_length=8, choices=KINDS, default=PAGE)
    page_id = models.BigIntegerField(null=True, blank=True)  # a page (any type); None: no particular page

    class Meta:
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return f"{self.version}: {self.kind} {self.page_id or ''}".strip()
