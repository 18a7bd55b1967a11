"""The open-data shape of a practice: flat rows for CSV/Excel/JSON Lines and the full record for the API.

Column names and value codes are stable (a change is a new ``DATASET_VERSION``); codes are the facet codes
of the search (vocabulary slugs, ISO country codes, organisation ids), the same in every language. Only
live, public practices are exported, and of contacts only the names and functions of those an editor has
published: never an e-mail address or a phone number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from practices.choices import Role
from practices.models import PracticeContact, PracticePage, PracticeSource
from practices.params import LARGEST_ID
from practices.transfer_facts import transfer_facts_json

DATASET_VERSION = "1.0"
MAX_EXPORT = 10_000
CHUNK = 500
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    description: Any  # a lazy translation
    is_list: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("id", _("Stable number of the practice in this language (also in /api/practices/<id>/).")),
    Column("translation_key", _("Identifier shared by all language versions of the practice.")),
    Column("language", _("Language of the texts: en or de.")),
    Column("url", _("Address of the practice page.")),
    Column("title", _("Title.")),
    Column("short_name", _("Short name or acronym.")),
    Column("summary", _("One-paragraph summary.")),
    Column("status", _("pilot, running, ended or mainstreamed.")),
    Column("start_year", _("Year the practice started.")),
    Column("end_year", _("Year it ended, if it did.")),
    Column("countries", _("ISO 3166-1 alpha-2 codes of its places."), True),
    Column("regions", _("Regions of its places, as recorded."), True),
    Column("cities", _("Cities of its places."), True),
    Column("themes", _("Theme codes (the theme facet's values)."), True),
    Column("target_groups", _("Target group codes."), True),
    Column("transfer_audiences", _("Codes of the addressees for transfer."), True),
    Column("programmes", _("Codes of programmes and networks."), True),
    Column("implementing_organisations", _("Names of the implementing organisations and coordinators."), True),
    Column("partners", _("Names of partners and network members."), True),
    Column("funder_ids", _("Funder codes (the funder facet's values)."), True),
    Column("funders", _("Names of the funders."), True),
    Column(
        "evidence_level",
        _("Strongest evidence of its outcomes: described, monitored, internally_evaluated, externally_evaluated."),
    ),
    Column("source_kinds", _("Kinds of its sources (the source facet's values)."), True),
    Column("source_urls", _("Addresses of its sources."), True),
    Column("first_published", _("When it was first published (ISO 8601).")),
    Column("last_published", _("When it was last changed (ISO 8601).")),
    Column("last_verified", _("When an editor last checked it (ISO date).")),
)
COLUMN_NAMES = [column.name for column in COLUMNS]


def public_practices() -> QuerySet[PracticePage]:
    """Live, public practices that are not aliases: the only ones ever exported."""
    return PracticePage.objects.live().public().filter(alias_of__isnull=True)


def with_facts(queryset: QuerySet[PracticePage]) -> QuerySet[PracticePage]:
    return (
        queryset.select_related("locale")
        .defer("voices", "resources")
        .prefetch_related(
            "places",
            "themes",
            "target_groups",
            "transfer_audiences",
            "programmes",
            "organisation_roles__organisation",
            Prefetch("sources", queryset=PracticeSource.objects.defer("raw_text")),
            Prefetch("contacts", queryset=PracticeContact.objects.filter(publish=True), to_attr="public_contacts"),
        )
    )


def practices_in_order(ids: list[int]) -> Iterator[PracticePage]:
    """The practices of ``ids`` in that order, loaded in chunks (an export of 10,000 stays small in memory)."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        pages = {page.pk: page for page in with_facts(public_practices().filter(pk__in=chunk))}
        yield from (pages[pk] for pk in chunk if pk in pages)


def _names(page: PracticePage, *roles: str) -> list[str]:
    return [link.organisation.name for link in page.organisation_roles.all() if link.role in roles]


def _iso(value) -> str:
    return value.isoformat() if value else ""


def row(page: PracticePage, request: HttpRequest | None = None) -> dict[str, Any]:
    """One practice as a flat record with the ``COLUMNS`` keys; lists stay lists (CSV joins them)."""
    places = list(page.places.all())
    funders = [link for link in page.organisation_roles.all() if link.role == Role.FUNDER]
    return {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "language": page.locale.language_code,
        "url": page.get_full_url(request) or "",
        "title": page.title,
        "short_name": page.short_name,
        "summary": page.summary,
        "status": page.status,
        "start_year": page.start_year,
        "end_year": page.end_year,
        "countries": list(dict.fromkeys(place.country for place in places if place.country)),
        "regions": list(dict.fromkeys(place.region for place in places if place.region)),
        "cities": list(dict.fromkeys(place.city for place in places if place.city)),
        "themes": sorted(term.slug for term in page.themes.all()),
        "target_groups": sorted(term.slug for term in page.target_groups.all()),
        "transfer_audiences": sorted(term.slug for term in page.transfer_audiences.all()),
        "programmes": sorted(programme.slug for programme in page.programmes.all()),
        "implementing_organisations": _names(page, Role.IMPLEMENTING, Role.COORDINATOR),
        "partners": _names(page, Role.PARTNER, Role.NETWORK),
        "funder_ids": [str(link.organisation_id) for link in funders],
        "funders": [link.organisation.name for link in funders],
        "evidence_level": page.evidence_level,
        "source_kinds": list(dict.fromkeys(source.kind for source in page.sources.all())),
        "source_urls": [source.url for source in page.sources.all() if source.url],
        "first_published": _iso(page.first_published_at),
        "last_published": _iso(page.last_published_at),
        "last_verified": _iso(page.last_verified),
    }


def flat(record: dict[str, Any]) -> list[Any]:
    """A row for CSV and Excel: lists joined with ``|``, missing numbers as empty cells."""
    values = []
    for column in COLUMNS:
        value = record[column.name]
        if column.is_list:
            value = LIST_SEPARATOR.join(value)
        values.append("" if value is None else value)
    return values


def full_record(page: PracticePage, request: HttpRequest | None = None) -> dict[str, Any]:
    """Everything an open-data client may have: the row plus narrative, outcomes, transfer, sources and
    the names and functions of published contacts."""
    data = row(page, request)
    data.update(
        {
            "challenge": page.challenge,
            "approach": page.approach,
            "results": page.results,
            "lessons": page.lessons,
            "outcomes": [
                {
                    "text": block.value["text"],
                    "evidence_level": block.value["evidence_level"],
                    "indicator": block.value.get("indicator") or "",
                }
                for block in page.outcomes
                if block.block_type == "outcome"
            ],
            "transfer_conditions": page.transfer_conditions,
            "transfer": transfer_facts_json(page),
            "replicated_in": [
                {"city": place.city, "country": place.country, "year": place.year} for place in page.replicated_in.all()
            ],
            "organisations": [
                {
                    "id": link.organisation_id,
                    "name": link.organisation.name,
                    "display_name": link.organisation.name_in(page.locale.language_code),
                    "names": link.organisation.names,
                    "role": link.role,
                }
                for link in page.organisation_roles.all()
            ],
            "places": [
                {"city": place.city, "region": place.region, "country": place.country} for place in page.places.all()
            ],
            "sources": [
                {
                    "kind": source.kind,
                    "title": source.title,
                    "url": source.url,
                    "publisher": source.publisher,
                    "date_on_source": _iso(source.date_on_source),
                    "source_last_updated": _iso(source.source_last_updated),
                    "contributed_by": source.contributed_by,
                    "retrieved_at": _iso(source.retrieved_at),
                    "sha256": source.sha256,
                }
                for source in page.sources.all()
            ],
            "contacts": [
                {"name": contact.name, "function": contact.function, "organisation": contact.organisation}
                for contact in _public_contacts(page)
            ],
        }
    )
    return data


def _public_contacts(page: PracticePage) -> list[PracticeContact]:
    if hasattr(page, "public_contacts"):
        return page.public_contacts
    return [contact for contact in page.contacts.all() if contact.publish]


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


def public_practice(pk: int) -> PracticePage | None:
    if not 0 < pk <= LARGEST_ID:  # past 64 bits SQLite overflows: no such practice
        return None
    return with_facts(public_practices().filter(pk=pk)).first()


def all_public_ids(locale: Locale | None = None) -> list[int]:
    practices = public_practices()
    if locale is not None:
        practices = practices.filter(locale=locale)
    return list(practices.order_by("pk").values_list("pk", flat=True))


def records(ids: Iterable[int], request: HttpRequest | None = None) -> Iterator[dict[str, Any]]:
    return (row(page, request) for page in practices_in_order(list(ids)))
