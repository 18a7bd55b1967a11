"""The default search backend: Wagtail's database backend, with per-language text search on PostgreSQL.

``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database", "SEARCH_CONFIGS": {...}}}``.
On SQLite (FTS5) and MySQL this is exactly ``modelsearch.backends.database``; on PostgreSQL it is
:class:`search.backends.postgres.LocalisedPostgresSearchBackend`.
"""

from __future__ import annotations

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend


def SearchBackend(params: dict):  # noqa: N802 - the name modelsearch looks up in a backend module
    if connection.vendor == "postgresql":
        from search.backends.postgres import LocalisedPostgresSearchBackend

        return LocalisedPostgresSearchBackend(params)
    return database_backend(params)
