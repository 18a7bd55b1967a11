"""The practice record: one typed shape for everything that writes a practice page.

The importers' parsers produce one ``PracticeRecord`` per document (merged per practice); the demo
loader reads them from YAML; the search benchmark and the test factories build them in code. All of
them hand the record to ``practices.writing``, the one place that turns a record into a page.

Story texts are plain text (paragraphs separated by blank lines) unless ``markup`` is ``"html"``: only
content written for this project (the demo file, tests) may carry HTML; imported text never does.

The JSON shape (``PracticeRecord.to_json_dict``) is the contract documented in ``importers/SCHEMA.md``.
Fields added for the writer (coordinates, awarding bodies) are left out of it while they are empty.
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
# Mirrors practices.choices.EvidenceLevel and Status.
EVIDENCE_DESCRIBED = "described"
STATUS_RUNNING = "running"
MARKUP_TEXT = "text"
MARKUP_HTML = "html"
# Keys of nested records that the JSON contract leaves out while they are empty.
_JSON_OPTIONAL = {"latitude", "longitude", "awarding_body", "retrieved_at"}


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
    retrieved_at: str = ""  # ISO date or date-time; empty: when the writer stores it


@dataclass
class PlaceRecord:
    city: str = ""
    region: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class ReplicationRecord:
    """A place the practice was transferred to, resolved to a country (``replicated_in`` holds raw names)."""

    city: str = ""
    region: str = ""
    country: str = ""
    year: int | None = None


@dataclass
class OrganisationRecord:
    name: str
    short_name: str = ""
    role: str = ROLE_PARTNER
    type: str = ""
    website: str = ""
    city: str = ""
    country: str = ""
    since_year: int | None = None
    note: str = ""


@dataclass
class ContactRecord:
    name: str = ""
    function: str = ""
    organisation: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    publish: bool = False  # personal data: only an editor (or content written for the project) says so


@dataclass
class AwardRecord:
    name: str
    year: int | None = None
    awarding_body: str = ""


@dataclass(frozen=True)
class OutcomeRecord:
    text: str
    evidence_level: str = EVIDENCE_DESCRIBED
    indicator: str = ""


@dataclass
class ResourceRecord:
    title: str
    description: str = ""
    url: str = ""


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
class PrerequisiteRecord:
    """A condition a transfer depends on (``practices.blocks.PREREQUISITE_BLOCKS``)."""

    kind: str  # partner, legal_basis, budget_line, staff_skills or language_offer
    condition: str  # for a partner: an organisation type's slug
    essential: bool = True
    note: str = ""


@dataclass
class TransferRecord:
    """The typed facts a transfer depends on (``practices.transfer_facts``); empty ones are left unsaid."""

    cost_amount: int | None = None
    cost_currency: str = ""  # ISO 4217; empty: the page's (EUR for new pages)
    cost_period: str = ""  # per_year, per_month, per_participant, total
    cost_covers: str = ""
    funding_months: int | None = None
    staff_fte: float | None = None
    staff_roles: str = ""
    participants: int | None = None
    participants_period: str = ""  # per_year, per_cohort, total
    population: int | None = None  # empty: the gazetteer's, for the first place's city
    setting: str = ""  # urban, rural, region_wide, national
    prerequisites: list[PrerequisiteRecord] = field(default_factory=list)

    def is_empty(self) -> bool:
        return all(value in (None, "", []) for value in dataclasses.asdict(self).values())


@dataclass
class PrerequisiteText:
    """A prerequisite's texts in another language (a partner's kind is a term: it has only a note)."""

    condition: str = ""
    note: str = ""


@dataclass
class TranslationRecord:
    """The translated texts of a practice in one language; what is left empty stays to be translated.

    Lists follow the source's order item by item (the second outcome translates the second outcome).
    """

    title: str = ""
    summary: str = ""
    challenge: str = ""
    approach: str = ""
    results: str = ""
    lessons: list[str] = field(default_factory=list)
    transfer_conditions: str = ""
    outcomes: list[OutcomeRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    resources: list[ResourceRecord] = field(default_factory=list)
    cost_covers: str = ""
    staff_roles: str = ""
    prerequisites: list[PrerequisiteText] = field(default_factory=list)  # the source's order, item by item
    markup: str = MARKUP_TEXT


# Below this confidence a fact is shown to the editor as "check".
UNCERTAIN_BELOW = 0.6


@dataclass
class Evidence:
    """Where an imported fact came from: the field or sentence of the source, and how sure the importer is."""

    fact: str  # title, country, city, region, start_year, end_year, organisation, funder, contact
    value: str
    snippet: str = ""
    confidence: float = 0.5

    @property
    def uncertain(self) -> bool:
        return self.confidence < UNCERTAIN_BELOW


@dataclass
class PracticeRecord:
    title: str = ""
    slug: str = ""
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
    outcomes: list[OutcomeRecord] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    description: str = ""
    challenge: str = ""
    approach: str = ""
    results: str = ""
    quotes: list[QuoteRecord] = field(default_factory=list)
    interview: InterviewRecord | None = None
    confidence: float = 0.0
    warnings: list[str] = field(default_factory=list)
    status: str = ""  # empty: the page keeps its status (new pages: running)
    last_verified: str = ""  # ISO date
    transfer_conditions: str = ""
    resources: list[ResourceRecord] = field(default_factory=list)
    replications: list[ReplicationRecord] = field(default_factory=list)
    translations: dict[str, TranslationRecord] = field(default_factory=dict)
    markup: str = MARKUP_TEXT
    transfer: TransferRecord = field(default_factory=TransferRecord)
    evidence: list[Evidence] = field(default_factory=list)

    def texts(self) -> TranslationRecord:
        """The record's own texts, as the translation of another language's practice."""
        return TranslationRecord(
            title=self.title,
            summary=self.summary,
            challenge=self.challenge,
            approach=self.approach or self.description,
            results=self.results,
            lessons=list(self.lessons),
            transfer_conditions=self.transfer_conditions,
            outcomes=list(self.outcomes),
            quotes=list(self.quotes),
            resources=list(self.resources),
            markup=self.markup,
        )

    @property
    def funders(self) -> list[str]:
        return [org.name for org in self.organisations if org.role == ROLE_FUNDER]

    def to_json_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for source in data["sources"]:
            source.pop("raw_text", None)
        for name in ("sources", "places", "awards", "organisations"):
            data[name] = [
                {key: value for key, value in item.items() if key not in _JSON_OPTIONAL or value not in (None, "")}
                for item in data[name]
            ]
        data["funders"] = self.funders
        data["confidence"] = round(self.confidence, 2)
        if self.transfer.is_empty():  # the importers' contract (importers/SCHEMA.md) has no transfer facts yet
            data.pop("transfer")
        for item, evidence in zip(data["evidence"], self.evidence, strict=True):
            item["confidence"] = round(evidence.confidence, 2)
            item["uncertain"] = evidence.uncertain
        return data
