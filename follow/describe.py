"""A search in words ("mentoring · Women · Germany"), for feed titles, e-mails and the follow form."""

from __future__ import annotations

from django.utils.translation import gettext as _

from search.engine import SearchParams
from search.facets import FACETS


def describe_search(params: SearchParams) -> str:
    parts = [f"“{params.q}”"] if params.q else []
    for name, values in params.filters.items():
        labels = FACETS[name].labels(values)
        parts.append(f"{FACETS[name].label}: " + ", ".join(labels.get(value, value) for value in values))
    return " · ".join(parts) if parts else _("all practices")
