"""Practices with transfer facts for the transfer tests."""

from __future__ import annotations

from practices.models import PracticePage
from search.tests.factories import make_practice

PREREQUISITES = [
    ("partner", {"kind": "public-employment-service", "essential": True, "note": "Refers participants."}),
    ("partner", {"kind": "chamber", "essential": False, "note": ""}),
    ("legal_basis", {"condition": "Access to vocational training for refugees", "essential": True, "note": ""}),
    ("language_offer", {"condition": "Job-related German at A2", "essential": False, "note": "Can be replaced."}),
]


def transfer_practice(parent, title: str = "Workshop Bridge", **overrides) -> PracticePage:
    """A published practice with full transfer facts and four prerequisites (Leipzig, small-town population)."""
    transfer = {
        "cost_amount": 120_000,
        "cost_currency": "EUR",
        "cost_period": "per_year",
        "cost_covers": "Two coaches and workshop rent",
        "funding_months": 36,
        "staff_fte": 2.5,
        "staff_roles": "Two coaches, a coordinator",
        "participants": 40,
        "participants_period": "per_year",
        "population": 15_000,
        "setting": "rural",
        "prerequisites": PREREQUISITES,
        "lessons": "<p>Employers came once they met a participant in person.</p>",
        "transfer_conditions": "<p>A job centre that refers participants.</p>",
        **overrides.pop("transfer", {}),
    }
    return make_practice(parent, title, transfer=transfer, **overrides)


def mapped_practice(parent, title: str, points: list[tuple[str, str, float, float]], **kwargs) -> PracticePage:
    """A published practice whose places (city, country, latitude, longitude) have coordinates."""
    from practices.models import PracticePlace

    page = make_practice(
        parent, title, places=tuple((city, "", country) for city, country, _lat, _lon in points), **kwargs
    )
    for place, (_city, _country, latitude, longitude) in zip(
        PracticePlace.objects.filter(page=page).order_by("pk"), points, strict=True
    ):
        place.latitude, place.longitude = latitude, longitude
        place.save()
    page.save_revision().publish()  # the facet index (and its places) is rebuilt on publishing
    return PracticePage.objects.get(pk=page.pk)
