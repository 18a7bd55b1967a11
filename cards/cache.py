"""Rendered embeds, cached until any practice is published, unpublished, moved, restricted or deleted.

Every entry carries the cache *generation* it was built in; a change bumps the generation, so all
entries become stale at once (embeds are small and cheap to rebuild; precise per-practice keys would
need a lookup per request). The generation is a row in the database (``EmbedGeneration``), read
*before* the practice, so an entry built while a change lands is stored under the old generation and
never served, and every worker process sees a change at once, whatever the cache backend.

Each process also keeps the entries it has seen in memory (a small LRU), so a hit costs one indexed read
of the generation instead of fetching and unpickling the whole entry from a shared cache.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import F

from cards.models import EmbedGeneration

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
    if not EmbedGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        EmbedGeneration.objects.get_or_create(pk=1, defaults={"value": 1})


def invalidate() -> None:
    """Make every cached embed stale, inside the transaction that changes the practice."""
    bump_generation()


def current_generation() -> str:
    return str(EmbedGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0)


def cached(parts: tuple, build: Callable[[], Built | None]) -> Entry | None:
    """The cached entry for ``parts``, or build it; ``None`` when ``build`` finds nothing (not cached)."""
    key = "cards:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    generation = current_generation()
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
