"""Typed records the parsers produce: one ``PracticeRecord`` per document, merged per practice.

The JSON shape (``PracticeRecord.to_json_dict``) is the contract documented in ``importers/SCHEMA.md``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

# Mirrors practices.choices.Role / SourceKind values; kept as plain strings so parsing needs no Django.
ROLE_IMPLEMENTING = "implementing"
ROLE_COORDINATOR = "coordinator"
ROLE_PARTNER = "partner"
ROLE_FUNDER = "funder"
ROLE_NETWORK = "network"
ROLES = (ROLE_IMPLEMENTING, ROLE_COORDINATOR, ROLE_PARTNER, ROLE_FUNDER, ROLE_NETWORK)
# When one organisation is named with several roles, the record keeps the most specific one.
ROLE_PRIORITY = {ROLE_COORDINATOR: 0, ROLE_IMPLEMENTING: 1, ROLE_FUNDER: 2, ROLE_PARTNER: 3, ROLE_NETWORK: 4}


@dataclass
class SourceRecord:
    kind: str
    url: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""
    last_updated: str = ""
    contributed_by: str = ""
    file: str = ""
    raw_text: str = ""
    sha256: str = ""


@dataclass
class PlaceRecord:
    city: str = ""
    region: str = ""
    country: str = ""


@dataclass
class OrganisationRecord:
    name: str
    short_name: str = ""
    role: str = ROLE_PARTNER
    type: str = ""


@dataclass
class ContactRecord:
    name: str = ""
    function: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class AwardRecord:
    name: str
    year: int | None = None


@dataclass
class QuoteRecord:
    quote: str
    attribution: str = ""


@dataclass
class EventRecord:
    year: int
    text: str
    organisation: str = ""


@dataclass
class InterviewRecord:
    person: str = ""
    function: str = ""
    text: str = ""


@dataclass
class PracticeRecord:
    title: str = ""
    short_name: str = ""
    short_name_expansion: str = ""
    short_name_translation: str = ""
    summary: str = ""
    source_kind: str = ""
    language: str = ""
    sources: list[SourceRecord] = field(default_factory=list)
    places: list[PlaceRecord] = field(default_factory=list)
    start_year: int | None = None
    end_year: int | None = None
    events: list[EventRecord] = field(default_factory=list)
    organisations: list[OrganisationRecord] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    transfer_audiences: list[str] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    replicated_in: list[str] = field(default_factory=list)
    awards: list[AwardRecord] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    description: str = ""
    challenge: str = ""
    approach: str = ""
    results: str = ""
    quotes: list[QuoteRecord] = field(default_factory=list)
    interview: InterviewRecord | None = None
    confidence: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def funders(self) -> list[str]:
        return [org.name for org in self.organisations if org.role == ROLE_FUNDER]

    def to_json_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for source in data["sources"]:
            source.pop("raw_text", None)
        data["funders"] = self.funders
        data["confidence"] = round(self.confidence, 2)
        return data
