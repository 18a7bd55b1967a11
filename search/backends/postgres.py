"""PostgreSQL full text with the text-search configuration of each page's language.

modelsearch's PostgreSQL backend uses one ``SEARCH_CONFIG`` for everything. Practices are written in
English and German, so a page is indexed with the configuration of its locale (``english``, ``german``:
stemming and stop words of that language) and a query is parsed with the configuration of the active
language. Objects without a locale (organisations, programmes) use ``simple``.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager

from django.utils import translation
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchResults,
)
from wagtail.models import Locale

DEFAULT_CONFIGS = {"en": "english", "de": "german"}
FALLBACK_CONFIG = "simple"


class LocalisedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs) -> None:
        groups = defaultdict(list)
        for obj in objs:
            groups[self.backend.config_for_object(obj)].append(obj)
        for config, group in groups.items():
            with self.backend.using_config(config):
                super().add_items(model, group)


class LocalisedPostgresSearchResults(PostgresSearchResults):
    def get_queryset(self):
        with self.backend.using_config(self.backend.config_for_language(translation.get_language())):
            return super().get_queryset()


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedPostgresIndex
    results_class = LocalisedPostgresSearchResults

    def __init__(self, params: dict):
        super().__init__(params)
        self.configs = {**DEFAULT_CONFIGS, **params.get("SEARCH_CONFIGS", {})}
        self.config = FALLBACK_CONFIG
        self._language_codes: dict[int, str] = {}

    def config_for_language(self, language_code: str | None) -> str:
        return self.configs.get((language_code or "").split("-")[0], FALLBACK_CONFIG)

    def config_for_object(self, obj) -> str:
        locale_id = getattr(obj, "locale_id", None)
        if locale_id is None:
            return FALLBACK_CONFIG
        if locale_id not in self._language_codes:
            self._language_codes = dict(Locale.objects.values_list("pk", "language_code"))
        return self.config_for_language(self._language_codes.get(locale_id))

    @contextmanager
    def using_config(self, config: str):
        previous, self.config = self.config, config
        try:
            yield
        finally:
            self.config = previous


SearchBackend = LocalisedPostgresSearchBackend
