"""Rendered embeds, cached until the published content changes (``practices.changes``).

Every entry carries the content version it was built in; any change raises the version, so all entries
become stale at once (embeds are small and cheap to rebuild; precise per-practice keys would need a lookup
per request). The version is read from the database *before* the practice, so an entry built while a
change lands is stored under the old version and never served, and every worker process sees a change at
its next request, whatever the cache backend.

Each process also keeps the entries it has seen in memory (a small LRU), so a hit costs one indexed read
of the version instead of fetching and unpickling the whole entry from a shared cache.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import BaseCache, cache

from practices.changes import current_version

LOCAL_ENTRIES = 512


@dataclass(frozen=True)
class Built:
    body: bytes
    content_type: str
    last_modified: datetime | None
    language: str


@dataclass(frozen=True)
class Entry:
    version: str
    body: bytes
    content_type: str
    etag: str
    last_modified: float | None  # a timestamp
    language: str


class CardCache:
    """A worker's card cache: its own small LRU in front of a Django cache (shared or per process)."""

    def __init__(self, store: BaseCache | None = None) -> None:
        self.store = store if store is not None else cache
        self.local: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def cached(self, parts: tuple, build: Callable[[], Built | None]) -> Entry | None:
        """The cached entry for ``parts``, or build it; ``None`` when ``build`` finds nothing (not cached)."""
        key = "cards:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        version = str(current_version())
        entry = self.local.get(key)
        if entry is None or entry.version != version:
            entry = self.store.get(key)
        if isinstance(entry, Entry) and entry.version == version:
            self._remember(key, entry)
            return entry
        built = build()
        if built is None:
            return None
        entry = Entry(
            version=version,
            body=built.body,
            content_type=built.content_type,
            etag='"' + hashlib.sha256(built.body).hexdigest()[:32] + '"',
            last_modified=built.last_modified.timestamp() if built.last_modified else None,
            language=built.language,
        )
        self.store.set(key, entry, timeout=settings.EMBEDS_CACHE_SECONDS)
        self._remember(key, entry)
        return entry

    def _remember(self, key: str, entry: Entry) -> None:
        with self.lock:
            self.local[key] = entry
            self.local.move_to_end(key)
            while len(self.local) > LOCAL_ENTRIES:
                self.local.popitem(last=False)


_worker = CardCache()


def cached(parts: tuple, build: Callable[[], Built | None]) -> Entry | None:
    """This worker's cached entry for ``parts`` (see ``CardCache.cached``)."""
    return _worker.cached(parts, build)
