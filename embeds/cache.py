"""Rendered embeds, cached until any practice is published, unpublished, moved, restricted or deleted.

Every entry carries the cache *generation* it was built in; a change bumps the generation, so all
entries become stale at once (embeds are small and cheap to rebuild; precise per-practice keys would
need a lookup per request). The generation is read *before* the database, so an entry built while a
change lands is stored under the old generation and never served. With several processes the cache
must be shared (Redis, ``REDIS_URL``) for invalidation to reach all of them.

Each process also keeps the entries it has seen in memory (a small LRU), so a hit costs one tiny read of
the generation from the shared cache instead of fetching and unpickling the whole entry.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "embeds:generation"
LOCAL_ENTRIES = 512

_local: OrderedDict[str, Entry] = OrderedDict()
_local_lock = threading.Lock()


@dataclass(frozen=True)
class Built:
    body: bytes
    content_type: str
    last_modified: datetime | None
    language: str


@dataclass(frozen=True)
class Entry:
    generation: str
    body: bytes
    content_type: str
    etag: str
    last_modified: float | None  # a timestamp
    language: str


def bump_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate() -> None:
    """Drop every cached embed now, and again once the surrounding transaction commits."""
    bump_generation()
    transaction.on_commit(bump_generation)


def _current_generation(generation: str | None) -> str:
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def cached(parts: tuple, build: Callable[[], Built | None]) -> Entry | None:
    """The cached entry for ``parts``, or build it; ``None`` when ``build`` finds nothing (not cached)."""
    key = "embeds:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    generation = _current_generation(cache.get(GENERATION_KEY))
    entry = _local.get(key)
    if entry is None or entry.generation != generation:
        entry = cache.get(key)
    if isinstance(entry, Entry) and entry.generation == generation:
        _remember(key, entry)
        return entry
    built = build()
    if built is None:
        return None
    entry = Entry(
        generation=generation,
        body=built.body,
        content_type=built.content_type,
        etag='"' + hashlib.sha256(built.body).hexdigest()[:32] + '"',
        last_modified=built.last_modified.timestamp() if built.last_modified else None,
        language=built.language,
    )
    cache.set(key, entry, timeout=settings.EMBEDS_CACHE_SECONDS)
    _remember(key, entry)
    return entry


def _remember(key: str, entry: Entry) -> None:
    with _local_lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
