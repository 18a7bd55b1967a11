"""``GET /api/search/``: the practice search as JSON, with an OpenAPI schema at ``/api/openapi.json``
and interactive documentation at ``/api/docs``.

Parameters are those of the search page. Invalid parameters give 400 with ``{"error", "parameter"}``;
unknown facet values are ignored and listed under ``ignored``. Only live, public practices are exposed,
and no contact data.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.parser import Parser
from wagtail.models import Locale

from practices.choices import Role
from practices.models import PracticeOrganisation, TargetGroup
from practices.transfer_facts import transfer_facts_json
from search.engine import run_search, search_params
from search.facets import term_labels
from search.params import SearchQuery

api = NinjaAPI(
    title="Praxis practice search",
    version="1.0",
    description=(
        "Faceted search over the published practices. Facet parameters are repeatable: values of one facet "
        "combine with OR, facets with AND. Facet values are stable codes, the same in every language; "
        "labels come in the requested language."
    ),
    urls_namespace="search_api",
)


class Term(Schema):
    value: str
    label: str


class Place(Schema):
    city: str
    region: str
    country: str


class Cost(Schema):
    amount: int | None
    currency: str
    period: str = Field(description="per_year, per_month, per_participant or total")
    covers: str
    yearly_eur: int | None = Field(description="The yearly cost in euros where the facts allow it (rough rates)")
    band: str = Field(description="Value of the 'cost' facet")


class Staff(Schema):
    fte: float | None
    roles: str


class Reach(Schema):
    number: int | None
    period: str = Field(description="per_year, per_cohort or total")


class Prerequisite(Schema):
    kind: str = Field(description="partner, legal_basis, budget_line, staff_skills or language_offer")
    condition: str = Field(description="For a partner: an organisation type's slug (facets.org_type)")
    essential: bool
    note: str


class TransferFacts(Schema):
    cost: Cost
    funding_months: int | None
    staff: Staff
    participants: Reach
    population: int | None
    place_size: str = Field(description="Value of the 'place_size' facet, from the population")
    setting: str
    prerequisites: list[Prerequisite]


class Result(Schema):
    id: int
    title: str
    url: str
    summary: str
    language: str
    places: list[Place]
    start_year: int | None
    end_year: int | None
    themes: list[Term]
    target_groups: list[Term]
    funders: list[Term]
    transfer: TransferFacts


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class DidYouMean(Schema):
    q: str = Field(description="The query with each word that matched nothing replaced by the closest indexed word")
    count: int = Field(description="Number of practices the corrected query finds (with the same filters)")


class SearchResponse(Schema):
    count: int
    page: int
    pages: int
    results: list[Result]
    facets: dict[str, list[FacetValueOut]]
    ignored: dict[str, list[str]]
    complete_count: int = Field(
        description="Results that contain every search word (they come first); equals count without a query"
    )
    partial: bool = Field(
        description="True when few practices have every search word and practices with most of the words follow"
    )
    did_you_mean: DidYouMean | None = Field(
        None,
        description="A spelling suggestion when the query finds nothing or little: a word of q matched no practice "
        "and the corrected query finds more",
    )


class ErrorResponse(Schema):
    error: str
    parameter: str


class RepeatedParameters(Parser):
    """A parameter given more than once with different values reaches validation as the list of its values,
    so ``page=1&page=2`` is refused (400 naming it) rather than read as ninja's last value. Repeatable
    parameters are lists anyway; this applies to every route of the API (the follow router's too)."""

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict:
        parsed = {}
        for key in data:
            given = data.getlist(key)
            distinct = {value.strip() for value in given if value.strip()}
            parsed[key] = given if key in list_fields or len(distinct) > 1 else data[key]
        return parsed


api.parser = RepeatedParameters()


@api.exception_handler(ValidationError)
def invalid_parameter(request: HttpRequest, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    source, *location = [str(part) for part in first.get("loc", ()) if not isinstance(part, int)] or [""]
    location = [part for part in location if part != "parameters"]
    parameter = location[-1] if location else source
    if source == "path":
        # A path that is not an id names nothing: the answer every route documents for a missing resource.
        return api.create_response(request, {"error": "Not found.", "parameter": parameter}, status=404)
    message = first.get("msg", "invalid")
    if first.get("type") != "invalid_parameter":
        message = f"Invalid value for '{parameter}': {message}."
    return api.create_response(request, {"error": message, "parameter": parameter}, status=400)


@api.get(
    "/search/",
    response={200: SearchResponse, 400: ErrorResponse},
    summary="Search practices",
    operation_id="search_practices",
)
def search(request: HttpRequest, parameters: Query[SearchQuery]):
    language = parameters.lang or settings.LANGUAGE_CODE
    with translation.override(language):
        params = search_params(parameters)
        locale = Locale.objects.get(language_code=language)
        outcome = run_search(params, locale)
        return Status(
            200,
            {
                "count": outcome.count,
                "page": outcome.page,
                "pages": outcome.pages,
                "results": _results(request, outcome.results),
                "facets": {
                    facet.name: [
                        {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                        for v in facet.values
                    ]
                    for facet in outcome.facets
                },
                "ignored": params.ignored,
                "complete_count": outcome.complete_count if params.q.strip() else outcome.count,
                "partial": outcome.partial,
                "did_you_mean": outcome.did_you_mean,
            },
        )


def _results(request: HttpRequest, practices: list) -> list[dict]:
    funders = PracticeOrganisation.objects.filter(role=Role.FUNDER).select_related("organisation")
    prefetch_related_objects(
        practices, "target_groups", Prefetch("organisation_roles", queryset=funders, to_attr="funder_links")
    )
    groups = {group.pk: group for practice in practices for group in practice.target_groups.all()}
    group_labels = term_labels(TargetGroup, groups.values())
    return [
        {
            "id": practice.pk,
            "title": practice.title,
            "url": practice.get_full_url(request),
            "summary": practice.summary,
            "language": practice.locale.language_code,
            "places": [{"city": p.city, "region": p.region, "country": p.country} for p in practice.places.all()],
            "start_year": practice.start_year,
            "end_year": practice.end_year,
            "themes": [{"value": t.slug, "label": t.name} for t in practice.themes.all()],
            "target_groups": [{"value": g.slug, "label": group_labels[g.pk]} for g in practice.target_groups.all()],
            "funders": [
                {"value": str(link.organisation_id), "label": link.organisation.display_name}
                for link in practice.funder_links
            ],
            "transfer": transfer_facts_json(practice),
        }
        for practice in practices
    ]
