"""Practices with transfer facts and coordinates for the transfer tests, written through the one writer."""

from __future__ import annotations

from dataclasses import replace

from django.test import TestCase

from practices.models import PracticePage
from practices.records import PlaceRecord
from practices.tests.factories import PracticePageFactory, transfer_facts
from search.tests.factories import make_practice


def transfer_practice(parent, title: str = "Workshop Bridge", transfer: dict | None = None, **kwargs) -> PracticePage:
    """A published practice with full transfer facts and four prerequisites (Leipzig, small-town population)."""
    return make_practice(
        parent,
        title,
        transfer=replace(transfer_facts(), **(transfer or {})),
        lessons=["<p>Employers came once they met a participant in person.</p>"],
        transfer_conditions="<p>A job centre that refers participants.</p>",
        **kwargs,
    )


def mapped_practice(parent, title: str, points: list[tuple[str, str, float, float]], **fields) -> PracticePage:
    """A published practice whose places (city, country, latitude, longitude) have coordinates."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        page = PracticePageFactory(
            parent=parent,
            title=title,
            places=[PlaceRecord(city, "", country, lat, lon) for city, country, lat, lon in points],
            **fields,
        )
    return PracticePage.objects.get(pk=page.pk)
