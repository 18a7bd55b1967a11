"""An in-memory facet index: one bit set (a Python int) per facet value, kept at the content version.

Counting facets with ``COUNT(DISTINCT ...)`` queries was measured at 50–200 ms per facet at 10,000
practices on SQLite (each query re-evaluates the candidate subqueries), ten times the budget of a whole
request. Instead, the facts the facets need are read once into bit sets: filtering is an AND of the
selected values' sets, a count is ``(value_set & selection).bit_count()``, microseconds each.

The index remembers the content version of ``practices.changes`` it was built at. Each request reads the
current version (one indexed query); when it moved on, the index applies the changes since its version
(``changes_between``): each changed practice's bits are removed and, if it is still live and public, read
again and re-added (about fifteen small queries, a few milliseconds), a copy being updated while other
threads keep reading the old one. Only when the changes are too many, or "everything" changed (a view
restriction on the practice index, a deleted vocabulary term) or the change log was pruned, is the index
rebuilt from the database (about a dozen plain queries over all practices, around a second at 10,000
practices). One thread of a process updates or rebuilds; the others wait for it and then take a second
look instead of rebuilding again. A practice made private is therefore never served after its change has
committed, in any worker process, with or without a shared cache.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from django.utils import translation

from practices.changes import changes_between, current_version
from practices.locales import default_locale
from practices.models import ContentChange, PracticePage
from practices.visibility import public
from search.facets import FACETS

ROW_FIELDS = ("pk", "locale_id", "translation_key", "title", "start_year", "first_published_at")
SORTS = ("title", "start_year", "newest")
MAX_INCREMENTAL_PAGES = 200  # more changed practices than this: rebuild
# Positions of removed practices are not reused; rebuild once the dead ones outnumber the live ones.


def _sort_facts(row: tuple) -> tuple[str, int | None, float | None]:
    """What the sorts compare of a practice: folded title, start year, first publication (a timestamp)."""
    _pk, _locale, _key, title, start_year, published = row
    return title.casefold(), start_year, published.timestamp() if published else None


def shown_practices():
    """The practices search shows: live, public, not aliases."""
    return public(PracticePage.objects.live()).filter(alias_of__isnull=True)


@dataclass
class FacetIndex:
    version: int = 0
    ids: list[int | None] = field(default_factory=list)  # bit position -> practice id (None: removed)
    bit: dict[int, int] = field(default_factory=dict)  # practice id -> bit position
    candidates_by_locale: dict[int, int] = field(default_factory=dict)  # locale id -> set of shown practices
    locale_of: dict[int, int] = field(default_factory=dict)
    postings: dict[str, dict[str, int]] = field(default_factory=dict)  # facet -> value -> practices
    orders: dict[str, list[int]] = field(default_factory=dict)  # sort -> practice ids, best first
    sort_facts: list[tuple] = field(default_factory=list)  # bit position -> ``_sort_facts`` of its practice
    _labels: dict = field(default_factory=dict)
    _keys: dict = field(default_factory=dict)  # practice id -> (translation key, locale id)
    _groups: dict = field(default_factory=dict)  # translation key -> frozenset of practice ids
    _default_locale_id: int = 0
    _geo: Any = None  # search.geo.GeoIndex, built on the first map or distance request and updated with the index
    _table: Any = None  # NumPy: practice id -> position, built on first use (an index is not changed once shared)
    _order_arrays: dict = field(default_factory=dict)  # sort -> NumPy array of ``orders[sort]``

    def labels(self, facet: str, values: list[str]) -> dict[str, str]:
        """Labels in the active language, looked up once per language and index (until labels change)."""
        key = (facet, translation.get_language())
        known = self._labels.setdefault(key, {})
        missing = [value for value in values if value not in known]
        if missing:
            known.update(FACETS[facet].labels(missing))
        return {value: known.get(value, value) for value in values}

    def bits_of(self, page_ids) -> int:
        """The bit set of ``page_ids`` (practices not in the index are skipped)."""
        positions = self._positions_of(page_ids)
        return self.bits_of_positions(positions[positions >= 0])

    @staticmethod
    def bits_of_positions(positions) -> int:
        """A bit set of ``positions``, packed by NumPy (ORing bits into a growing integer is quadratic)."""
        positions = np.asarray(positions, dtype=np.int64)
        if not positions.size:
            return 0
        mask = np.zeros(int(positions.max()) + 1, dtype=bool)
        mask[positions] = True
        return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")

    @staticmethod
    def members(bits: int, size: int) -> np.ndarray:
        """A boolean array of ``size`` entries: whether each position's bit is set."""
        if bits <= 0:
            return np.zeros(size, dtype=bool) if bits == 0 else np.ones(size, dtype=bool)
        packed = np.frombuffer(bits.to_bytes((bits.bit_length() + 7) // 8, "little"), dtype=np.uint8)
        unpacked = np.unpackbits(packed, bitorder="little").astype(bool)
        mask = np.zeros(size, dtype=bool)
        shown = min(size, unpacked.size)
        mask[:shown] = unpacked[:shown]
        return mask

    @classmethod
    def positions(cls, bits: int) -> set[int]:
        """The set bits' positions."""
        return set(np.flatnonzero(cls.members(bits, bits.bit_length())).tolist())

    def _position_table(self) -> np.ndarray:
        """practice id -> bit position (-1: not in the index), built once per index version."""
        if self._table is None:
            table = np.full(max(self.bit, default=0) + 1, -1, dtype=np.int64)
            if self.bit:
                table[np.fromiter(self.bit.keys(), np.int64, len(self.bit))] = np.fromiter(
                    self.bit.values(), np.int64, len(self.bit)
                )
            self._table = table
        return self._table

    def _positions_of(self, page_ids) -> np.ndarray:
        ids = page_ids if isinstance(page_ids, np.ndarray) else np.asarray(list(page_ids), dtype=np.int64)
        table = self._position_table()
        inside = (ids >= 0) & (ids < table.size)
        positions = np.full(ids.size, -1, dtype=np.int64)
        positions[inside] = table[ids[inside]]
        return positions

    def filter_ids(self, page_ids, bits: int) -> list[int]:
        """``page_ids`` (in their order) that are in ``bits``."""
        return self._kept(page_ids, self.members(bits, len(self.ids) + 1))

    def filter_tiers(self, tiers: Iterable[list[int]], bits: int) -> Iterator[int]:
        """The ids of each tier in turn (in their order) that are in ``bits``: a tier is read only once
        the ones before it are used up, so a page of results ranks only what it shows."""
        members = None
        for tier in tiers:
            if members is None:
                members = self.members(bits, len(self.ids) + 1)
            yield from self._kept(tier, members)

    def _kept(self, page_ids, members: np.ndarray) -> list[int]:
        ids = page_ids if isinstance(page_ids, np.ndarray) else np.asarray(page_ids, dtype=np.int64)
        if not ids.size:
            return []
        positions = self._positions_of(ids)
        keep = members[positions]  # -1 (unknown practice) reads the last entry, which is never set
        keep &= positions >= 0
        return ids[keep].tolist()

    def selection(self, facet: str, values: list[str]) -> int:
        bits = 0
        for value in values:
            bits |= self.postings.get(facet, {}).get(value, 0)
        return bits

    def ordered(self, bits: int, sort: str) -> list[int]:
        if sort not in self._order_arrays:
            self._order_arrays[sort] = np.asarray(self.orders[sort], dtype=np.int64)
        return self.filter_ids(self._order_arrays[sort], bits)

    def candidates(self, locale_id: int) -> int:
        """Practices shown in a locale: its own, and those not translated into it (default language first)."""
        if locale_id not in self.candidates_by_locale:
            chosen = [pk for group in self._groups.values() for pk in self._choose(group, locale_id)]
            self.candidates_by_locale[locale_id] = self.bits_of(chosen)
        return self.candidates_by_locale[locale_id]

    def _choose(self, group, locale_id: int) -> list[int]:
        """The versions of one practice (a translation group) shown in ``locale_id``."""
        versions = [(self._keys[pk][1], pk) for pk in group]
        here = [pk for page_locale, pk in versions if page_locale == locale_id]
        if here:
            return here
        fallback = [pk for page_locale, pk in versions if page_locale == self._default_locale_id]
        return fallback or [min(versions)[1]]

    def sort_key(self, sort: str, pk: int) -> tuple:
        title, start_year, published = self.sort_facts[self.bit[pk]]
        if sort == "title":
            return title, pk
        if sort == "start_year":
            return start_year is None, -(start_year or 0), title, pk
        return published is None, -(published or 0), -pk  # newest

    # Incremental updates ------------------------------------------------------------------------

    def updated(self, page_ids: set[int], *, version: int, labels: bool = False) -> FacetIndex:
        """A copy with ``page_ids`` read again from the database (removed if no longer shown)."""
        rows = list(shown_practices().filter(pk__in=page_ids).values_list(*ROW_FIELDS)) if page_ids else []
        shown = [row[0] for row in rows]
        values: dict[int, list[tuple[str, str]]] = {pk: [] for pk in shown}
        if shown:
            for name, facet in FACETS.items():
                for page_id, value in facet.pairs(shown):
                    if page_id in values:
                        values[page_id].append((name, value))
        new = replace(
            self,
            version=version,
            ids=list(self.ids),
            bit=dict(self.bit),
            candidates_by_locale={},
            locale_of=dict(self.locale_of),
            postings={name: dict(postings) for name, postings in self.postings.items()},
            orders={sort: list(order) for sort, order in self.orders.items()},
            sort_facts=list(self.sort_facts),
            _labels={} if labels else self._labels,
            _keys=dict(self._keys),
            _groups=dict(self._groups),
            _geo=None,
            _table=None,
            _order_arrays={},
        )
        touched_groups = {self._keys[pk][0] for pk in page_ids if pk in self._keys}
        for pk in page_ids:
            new._remove(pk)
        for row in rows:
            new._add(row, values[row[0]])
            touched_groups.add(row[2])
        added = {row[0]: new.bit[row[0]] for row in rows}  # id -> new position
        new._table = self._updated_table(page_ids, added)
        dead = self.bits_of(page_ids)  # old positions of the changed practices (never reused)
        if self._geo is not None:  # its points follow the practices' positions, old and new
            removed = [self.bit[pk] for pk in page_ids if pk in self.bit]
            new._geo = self._geo.updated(removed, added, practices=len(new.ids))
        for locale_id, bits in self.candidates_by_locale.items():
            new.candidates_by_locale[locale_id] = new._rechoose(bits & ~dead, locale_id, touched_groups)
        return new

    def _updated_table(self, removed: set[int], added: dict[int, int]) -> np.ndarray | None:
        """This index's position table with ``removed`` cleared and ``added`` (id -> position) set: a copy
        instead of a rebuild from the whole ``bit`` dict (10 ms at 100,000 practices)."""
        if self._table is None:
            return None
        size = max(self._table.size, max(added, default=0) + 1)
        table = np.full(size, -1, dtype=np.int64)
        table[: self._table.size] = self._table
        gone = [pk for pk in removed if pk < size]
        table[gone] = -1
        if added:
            table[list(added)] = list(added.values())
        return table

    def _remove(self, pk: int) -> None:
        position = self.bit.pop(pk, None)
        if position is None:
            return
        self.ids[position] = None  # positions are not reused: cached bit sets stay meaningful
        bit = 1 << position
        mask = ~bit
        # Every value is looked at (a few hundred ``&`` per practice): remembering each practice's values
        # instead cost two fifths of the index's memory.
        for postings in self.postings.values():
            for value, bits in list(postings.items()):
                if bits & bit:
                    remaining = bits & mask
                    if remaining:
                        postings[value] = remaining
                    else:
                        del postings[value]
        for sort in SORTS:
            self.orders[sort].remove(pk)
        key, _locale = self._keys.pop(pk)
        self.locale_of.pop(pk, None)
        group = self._groups[key] - {pk}
        if group:
            self._groups[key] = group
        else:
            del self._groups[key]

    def _add(self, row: tuple, values: list[tuple[str, str]]) -> None:
        pk, locale_id, key = row[0], row[1], row[2]
        position = len(self.ids)
        self.ids.append(pk)
        self.bit[pk] = position
        self.locale_of[pk] = locale_id
        self._keys[pk] = (key, locale_id)
        self._groups[key] = self._groups.get(key, frozenset()) | {pk}
        bit = 1 << position
        for name, value in values:
            self.postings.setdefault(name, {})
            self.postings[name][value] = self.postings[name].get(value, 0) | bit
        self.sort_facts.append(_sort_facts(row))
        for sort in SORTS:
            bisect.insort(self.orders[sort], pk, key=lambda other, sort=sort: self.sort_key(sort, other))

    def _rechoose(self, bits: int, locale_id: int, groups: set) -> int:
        """A locale's candidates after changes to some translation groups."""
        for key in groups:
            members = self._groups.get(key, frozenset())
            chosen = set(self._choose(members, locale_id)) if members else set()
            for pk in members:
                position = 1 << self.bit[pk]
                bits = bits | position if pk in chosen else bits & ~position
        return bits


def build(version: int | None = None) -> FacetIndex:
    """The whole index from the database; ``version`` (read before the data) is the version it reflects."""
    index = FacetIndex(version=current_version() if version is None else version)
    rows = list(shown_practices().order_by("pk").values_list(*ROW_FIELDS))  # by path: 3× slower on SQLite
    index.ids = [row[0] for row in rows]
    index.bit = {pk: position for position, pk in enumerate(index.ids)}
    index._default_locale_id = default_locale().pk
    index._keys = {row[0]: (row[2], row[1]) for row in rows}
    groups: dict = {}
    for row in rows:
        groups.setdefault(row[2], set()).add(row[0])
    index._groups = {key: frozenset(members) for key, members in groups.items()}
    index.locale_of = {row[0]: row[1] for row in rows}
    for name, facet in FACETS.items():
        positions: dict[str, list[int]] = {}
        for page_id, value in facet.pairs():
            position = index.bit.get(page_id)
            if position is not None:
                positions.setdefault(value, []).append(position)
        index.postings[name] = {value: index.bits_of_positions(each) for value, each in positions.items()}
    index.sort_facts = [_sort_facts(row) for row in rows]
    for sort in SORTS:
        index.orders[sort] = sorted(index.ids, key=lambda pk, sort=sort: index.sort_key(sort, pk))
    return index


class WorkerFacetIndex:
    """One worker process's facet index, kept at the content version (a test may make a second one)."""

    def __init__(self) -> None:
        self.index: FacetIndex | None = None
        self.lock = threading.Lock()
        self.builds = 0  # full builds, for tests and the benchmark
        self.updates = 0  # incremental updates

    def get(self) -> FacetIndex:
        version = current_version()
        index = self.index
        if index is not None and index.version == version:
            return index
        with self.lock:
            index = self.index  # second look: another thread may have caught up while we waited
            if index is not None and index.version >= version:
                return index
            self.index = self._refresh(index, version)
            return self.index

    def _refresh(self, index: FacetIndex | None, version: int) -> FacetIndex:
        if index is not None and len(index.ids) <= 2 * len(index.bit) + 1000:
            changes = changes_between(index.version, version)
            if changes is not None and not any(change.kind == ContentChange.ALL for change in changes):
                page_ids = {change.page_id for change in changes if change.page_id is not None}
                if len(page_ids) <= MAX_INCREMENTAL_PAGES:
                    self.updates += 1
                    labels = any(change.kind == ContentChange.LABELS for change in changes)
                    return index.updated(page_ids, version=version, labels=labels)
        self.builds += 1
        return build(version)


worker = WorkerFacetIndex()


def facet_index() -> FacetIndex:
    """This worker's facet index at the current content version."""
    return worker.get()
