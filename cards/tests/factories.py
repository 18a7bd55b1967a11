"""Practices as the embeds see them: a full card (funder, published contact) in English with a German translation."""

from __future__ import annotations

from practices.choices import Role
from practices.models import PracticePage
from practices.records import ContactRecord, OrganisationRecord, PlaceRecord
from practices.tests.factories import ContactFactory, PracticePageFactory, translate_practice

__all__ = ["ContactFactory", "PracticePageFactory", "card_practice", "translate"]


def card_practice(parent, **fields) -> PracticePage:
    """A live practice with a funder, a period and a *published* contact that must never reach a card."""
    defaults = {
        "title": "Bridge to Work Leipzig",
        "slug": "bridge-to-work-leipzig",
        "short_name": "B2W",
        "start_year": 2016,
        "end_year": 2021,
        "status": "ended",
        "places": [PlaceRecord(city="Leipzig", region="Saxony", country="DE")],
        "themes": ["mentoring"],
        "target_groups": ["refugees"],
        "organisations": [
            OrganisationRecord(name="Jobcenter Leipzig", role=Role.IMPLEMENTING, type="welfare-ngo"),
            OrganisationRecord(name="European Social Fund", role=Role.FUNDER, website="https://example.eu/esf"),
        ],
        "contacts": [
            ContactRecord(name="Secret Person", email="secret.person@example.org", phone="+49 1", publish=True)
        ],
    }
    return PracticePageFactory(parent=parent, with_facts=False, **{**defaults, **fields})


def translate(page: PracticePage, parent, **texts) -> PracticePage:
    """A published German translation of ``page`` (under ``parent``, the German practice index)."""
    assert parent.locale.language_code == "de"
    return translate_practice(page, "de", **texts)
