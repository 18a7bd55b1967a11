"""``/api/practices/``: full practice records for open-data clients, beside the search API.

- ``GET /api/practices/?cursor=&limit=&lang=``: every live, public practice in id order, a page at a time;
  ``next_cursor`` (opaque) fetches the next page, so a bulk client never skips or repeats a practice while
  others are published.
- ``GET /api/practices/{id}/``: one practice with outcomes, transfer conditions, sources and the names and
  functions of published contacts (never e-mail addresses or phone numbers).
- ``GET /api/practices/{id}/jsonld``: the same practice as schema.org JSON-LD.
"""

from __future__ import annotations

import base64
import binascii
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from follow.linked_data import practice_linked_data
from follow.records import full_record, public_practice, public_practices, with_facts
from practices.params import choice, integer, text
from search.api import TransferFacts

router = Router(tags=["practices"])
DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class Place(Schema):
    city: str
    region: str
    country: str


class OrganisationLink(Schema):
    id: int
    name: str = Field(description="The name the organisation is recorded under")
    display_name: str = Field(description="Its name in the record's language where it has one, else `name`")
    names: dict[str, str] = Field(description="Its names by language code, where it has one of its own")
    role: str = Field(description="implementing, coordinator, partner, funder or network")


class Outcome(Schema):
    text: str
    evidence_level: str
    indicator: str


class Source(Schema):
    kind: str
    title: str
    url: str
    publisher: str
    date_on_source: str
    source_last_updated: str
    contributed_by: str
    retrieved_at: str
    sha256: str


class Contact(Schema):
    name: str
    function: str
    organisation: str


class Replication(Schema):
    city: str
    country: str
    year: int | None


class PracticeRecord(Schema):
    id: int
    translation_key: str
    language: str
    url: str
    title: str
    short_name: str
    summary: str
    status: str
    start_year: int | None
    end_year: int | None
    countries: list[str]
    regions: list[str]
    cities: list[str]
    themes: list[str]
    target_groups: list[str]
    transfer_audiences: list[str]
    programmes: list[str]
    implementing_organisations: list[str]
    partners: list[str]
    funder_ids: list[str]
    funders: list[str]
    evidence_level: str
    source_kinds: list[str]
    source_urls: list[str]
    first_published: str
    last_published: str
    last_verified: str
    challenge: str = Field(description="HTML")
    approach: str = Field(description="HTML")
    results: str = Field(description="HTML")
    lessons: str = Field(description="HTML")
    outcomes: list[Outcome]
    transfer_conditions: str = Field(description="HTML")
    transfer: TransferFacts
    replicated_in: list[Replication]
    organisations: list[OrganisationLink]
    places: list[Place]
    sources: list[Source]
    contacts: list[Contact] = Field(description="Published contacts: names, functions and organisations only")


class PracticePage(Schema):
    results: list[PracticeRecord]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page")
    next: str | None


class Error(Schema):
    error: str
    parameter: str


# The shared parameter primitives (practices.params), so the OpenAPI description states the real values.
Cursor = text("The next_cursor of the previous page; empty for the first page", max_length=200)
Limit = integer(1, MAX_LIMIT, DEFAULT_LIMIT, f"Practices per page, at most {MAX_LIMIT}")
Language = choice(
    list(dict(settings.LANGUAGES)), None, "Only practices in this language: " + ", ".join(dict(settings.LANGUAGES))
)


class ListParameters(Schema):
    cursor: Cursor
    limit: Limit
    lang: Language


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": pk}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        after = json.loads(base64.urlsafe_b64decode(padded.encode()))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ValueError(cursor) from None
    if not isinstance(after, int) or after < 0:
        raise ValueError(cursor)
    return after


@router.get(
    "/practices/",
    response={200: PracticePage, 400: Error},
    summary="All practices, a page at a time (cursor pagination)",
    operation_id="list_practices",
)
def list_practices(request: HttpRequest, parameters: Query[ListParameters]):
    practices = public_practices()
    if parameters.lang:
        if parameters.lang not in dict(settings.LANGUAGES):
            return Status(
                400, {"error": f"'lang' must be one of: {', '.join(dict(settings.LANGUAGES))}.", "parameter": "lang"}
            )
        practices = practices.filter(locale__language_code=parameters.lang)
    if parameters.cursor:
        try:
            practices = practices.filter(pk__gt=decode_cursor(parameters.cursor))
        except ValueError:
            return Status(400, {"error": "'cursor' is not a cursor this API gave out.", "parameter": "cursor"})
    pages = list(with_facts(practices.order_by("pk"))[: parameters.limit + 1])
    more = len(pages) > parameters.limit
    pages = pages[: parameters.limit]
    base = _base(request)
    next_cursor = encode_cursor(pages[-1].pk) if more else None
    next_url = None
    if next_cursor:
        query = f"cursor={next_cursor}&limit={parameters.limit}" + (
            f"&lang={parameters.lang}" if parameters.lang else ""
        )
        next_url = f"{base}{reverse('search_api:list_practices')}?{query}"
    return Status(
        200, {"results": [full_record(page, request) for page in pages], "next_cursor": next_cursor, "next": next_url}
    )


@router.get(
    "/practices/{practice_id}/",
    response={200: PracticeRecord, 404: Error},
    summary="One practice, the full record",
    operation_id="get_practice",
)
def get_practice(request: HttpRequest, practice_id: int):
    page = public_practice(practice_id)
    if page is None:
        return Status(404, {"error": "No published practice has this id.", "parameter": "practice_id"})
    return Status(200, full_record(page, request))


@router.get(
    "/practices/{practice_id}/jsonld",
    response={200: dict, 404: Error},
    summary="One practice as schema.org JSON-LD (application/ld+json)",
    operation_id="get_practice_jsonld",
)
def get_practice_jsonld(request: HttpRequest, practice_id: int):
    page = public_practice(practice_id)
    if page is None:
        return Status(404, {"error": "No published practice has this id.", "parameter": "practice_id"})
    base = _base(request)
    record_url = base + reverse("search_api:get_practice_jsonld", kwargs={"practice_id": page.pk})
    data = practice_linked_data(page, page.get_full_url(request), record_url)
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/ld+json; charset=utf-8"
    )
