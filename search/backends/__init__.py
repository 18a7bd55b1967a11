"""Search backends as modules: each ranks practices for an analysed query (``search.analysis.Query``).

A backend module ends with ``SearchBackend = <class>`` (the habit of modelsearch's backend modules) and
the class offers one small interface:

- ``matched_ids(query) -> list[int]``: the practices with every word, unordered (for counts, which need
  no ranking);
- ``ranked_tiers(query) -> Iterator[list[int]]``: the same practices best first, one tier at a time
  (every word in the title, then in title or labels, then anywhere), so that a page of results ranks
  only the tiers it reaches;
- ``ranked_ids(query, require_all=True) -> list[int]``: practice ids, best first, all of them (the
  tiers joined; the engine intersects with the practices of the active locale and the selected
  filters); with ``require_all=False`` practices matching any clause of the query;
- ``clause_ids(query) -> list[set[int]]``: the practices matching each word or phrase, for ranking by
  how many of the words a practice has when not all of them match anywhere;
- ``index(documents)``, ``remove(ids)``, ``clear()``: keep the stored documents current.

The module comes from the setting ``PRAXIS_SEARCH_BACKEND`` (a dotted module path). Without it: the
Elasticsearch module when ``ELASTICSEARCH_URL`` or ``OPENSEARCH_URL`` is set, else the module of the
database vendor (``sqlite``, ``postgres``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import import_module
from typing import Protocol

from django.conf import settings
from django.db import connection

from search.analysis import Query

VENDOR_MODULES = {"sqlite": "search.backends.sqlite", "postgresql": "search.backends.postgres"}
ELASTICSEARCH_MODULE = "search.backends.elasticsearch"


class PracticeSearchBackend(Protocol):
    def matched_ids(self, query: Query) -> list[int]: ...

    def ranked_tiers(self, query: Query) -> Iterator[list[int]]: ...

    def ranked_ids(self, query: Query, *, require_all: bool = True) -> list[int]: ...

    def clause_ids(self, query: Query) -> list[set[int]]: ...

    def index(self, documents: list) -> None: ...

    def remove(self, ids: list[int]) -> None: ...

    def clear(self) -> None: ...


def backend_module_name() -> str:
    configured = getattr(settings, "PRAXIS_SEARCH_BACKEND", "")
    if configured:
        return configured
    if os.environ.get("ELASTICSEARCH_URL") or os.environ.get("OPENSEARCH_URL"):
        return ELASTICSEARCH_MODULE
    try:
        return VENDOR_MODULES[connection.vendor]
    except KeyError:
        raise LookupError(f"No practice search backend for the {connection.vendor} database.") from None


def by_tier(ids: list[int], tiers: list[set[int]]) -> list[int]:
    """``ids`` (best first) reordered: those in the first tier, then the second..., then the rest (stable)."""
    placed: set[int] = set()
    ordered: list[int] = []
    for tier in tiers:
        ordered += [pk for pk in ids if pk in tier and pk not in placed]
        placed.update(tier)
    return ordered + [pk for pk in ids if pk not in placed]


_instances: dict[str, PracticeSearchBackend] = {}


def get_backend() -> PracticeSearchBackend:
    """The configured backend (one instance per module)."""
    name = backend_module_name()
    if name not in _instances:
        _instances[name] = import_module(name).SearchBackend()
    return _instances[name]
