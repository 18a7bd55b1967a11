"""The database search backend with a text-search configuration per language on PostgreSQL.

modelsearch's PostgreSQL backend takes one ``SEARCH_CONFIG`` for the whole index (``to_tsvector(config,
...)`` at index time, ``to_tsquery(config, ...)`` at query time). German and English practices share
that index, so one configuration would stem one of the languages wrongly. This backend indexes each
object with the configuration of its locale (``SEARCH_CONFIGS``, e.g. ``{"de": "german", "en":
"english"}``) and matches a query against every configured stemming at once (``german(q) ||
english(q)``): a German page is found by German word forms, an English page by English ones, and the
locale filter of the query keeps the languages apart.

On SQLite and other databases it is modelsearch's database backend unchanged: SQLite's FTS5 ``unicode61``
tokenizer already folds case and removes diacritics ("Munchen" finds "München"); it has no German stemmer.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from functools import reduce
from operator import or_

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend


def _locale_code(obj) -> str | None:
    locale = getattr(obj, "locale", None)
    return getattr(locale, "language_code", None)


def SearchBackend(params: dict):  # noqa: N802 - the name modelsearch looks up in a backend module
    if connection.vendor != "postgresql":
        return database_search_backend(params)

    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class LocalizedPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj in objs:
                groups[self.backend.config_for(obj)].append(obj)
            for config, group in groups.items():
                with self.backend.indexing_with(config):
                    super().add_items(model, group)

    class LocalizedPostgresQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsquery(self, query, config=None):
            configs = self.backend_configs or [config]
            queries = [self.build_tsquery_content(query, config=name) for name in configs]
            queries = [q for q in queries if q is not None]
            return reduce(or_, queries) if queries else None

    class LocalizedPostgresSearchBackend(PostgresSearchBackend):
        index_class = LocalizedPostgresIndex

        def __init__(self, params):
            super().__init__(params)
            self.locale_configs: dict[str, str] = dict(params.get("SEARCH_CONFIGS") or {})
            backend = self

            class QueryCompiler(LocalizedPostgresQueryCompiler):
                backend_configs = sorted(set(backend.locale_configs.values()))

            self.query_compiler_class = QueryCompiler

        def config_for(self, obj) -> str | None:
            return self.locale_configs.get(_locale_code(obj) or "", self.config)

        @contextmanager
        def indexing_with(self, config: str | None):
            default, self.config = self.config, config
            try:
                yield
            finally:
                self.config = default

    return LocalizedPostgresSearchBackend(params)
