"""The search's parameters: one pydantic model, generated from ``FACETS``, for the page and the API.

The API validates strictly (``Query[SearchQuery]`` in ``search.api``, so the OpenAPI description is this
model); the search page reads the same model leniently (``read_search_query(..., strict=False)``).
Whether a facet value is known is decided afterwards, against the public practices
(``search.engine.search_params``): an unknown value is ignored and reported, never an error.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, create_model

from practices.params import choice, integer, read, text, values
from search.facets import FACETS
from search.geo import DEFAULT_NEAR_KM, NEAR_KM

SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "start_year": _("Start year"),
    "title": _("Title"),
}
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000
MAX_QUERY_LENGTH = 10_000


class _SearchQueryBase(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def _facet_fields() -> dict[str, Any]:
    return {
        name: values(f"{facet.label} (repeatable; value codes as listed under facets.{name})")
        for name, facet in FACETS.items()
    }


SearchQuery: type[BaseModel] = create_model(
    "SearchQuery",
    __base__=_SearchQueryBase,
    q=text(
        "Words to search for, English or German; practices with every word first, then (when few) those with"
        ' most of the words, see partial; "quoted words" form a phrase',
        max_length=MAX_QUERY_LENGTH,
    ),
    sort=choice(list(SORTS), None, "Default: relevance with q, else newest"),
    page=integer(1, MAX_PAGE, 1, "Page number, from 1"),
    page_size=integer(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, f"Results per page, at most {MAX_PAGE_SIZE}"),
    lang=choice(
        [code for code, _name in settings.LANGUAGES],
        None,
        "Language of practices and labels (the API; the page's language is its URL prefix). Default: "
        + settings.LANGUAGE_CODE,
    ),
    near=text("Practices near a place: 'latitude,longitude' or a place's name ('Leipzig', 'Graz, AT')", max_length=200),
    within=choice([str(km) for km in NEAR_KM], None, f"Distance for 'near' in km; default {DEFAULT_NEAR_KM}"),
    **_facet_fields(),
)


def read_search_query(data: QueryDict, *, strict: bool) -> Any:
    """The search parameters of a query string (strict: ParameterError on the first invalid one)."""
    return read(SearchQuery, data, strict=strict)
