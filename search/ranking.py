"""Ranked ids of practices matching a query: the search backend ranks, the ORM filters and counts.

The query is analysed once (``search.analysis``) and handed to the configured backend module
(``search.backends``). Nothing a person types reaches a backend as syntax: quotes make a phrase, every
other character only separates words, and each stem is quoted by the backend.

Forgiving matching: practices with every word come first. When that gives none or few among the
practices that can be shown, practices with most of the words follow (more than half of them, or half
when none has them all; ranked by how many they have, then by the backend's score), and the search says
so.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import QuerySet

from search.analysis import Query, analyse_query
from search.backends import get_backend

FEW = 5  # fewer practices with every word than this: add those with most of the words


def analysed(text: str, language: str = "en") -> Query:
    return analyse_query(text, language)


def query_terms(text: str, language: str = "en") -> list[str]:
    """The words of a query that are searched (stop words left out), at most ``analysis.MAX_TERMS``."""
    return analyse_query(text, language).words


def ranked_ids(
    text: str | Query,
    candidates: QuerySet | None = None,
    *,
    language: str = "en",
    operator: str = "and",
    limit: int | None = None,
) -> list[int]:
    """Ids of practices matching ``text``, best first, every word (``and``) or any (``or``); all of them
    unless ``limit`` is given, so counts, facet counts and sorts are exact at any size. ``candidates``
    (a queryset of practices) narrows the ids to those pages."""
    query = text if isinstance(text, Query) else analyse_query(text, language)
    if not query:
        return []
    ids = get_backend().ranked_ids(query, require_all=operator != "or")
    if candidates is not None:
        allowed = set(candidates.values_list("pk", flat=True))
        ids = [pk for pk in ids if pk in allowed]
    return ids if limit is None else ids[:limit]


class RankedOrder:
    """The practices with every word in rank order, read tier by tier from the backend as they are needed.

    Counting needs only which practices match (``matched``, unranked and cheap); a page of 20 needs only
    the first tier or two. Ranking every match costs most of a search at 100,000 practices, so a tier is
    ranked only when a reader gets that far, and each ranked tier is kept for the rest of the request.
    """

    def __init__(self, tiers: Iterator[list[int]]) -> None:
        self._source = tiers
        self._read: list[list[int]] = []

    def tiers(self) -> Iterator[list[int]]:
        position = 0
        while True:
            if position == len(self._read):
                tier = next(self._source, None)
                if tier is None:
                    return
                self._read.append(tier)
            yield self._read[position]
            position += 1


@dataclass
class Ranking:
    matched: list[int]  # practices with every word, unordered
    order: RankedOrder
    extra: list[int] = field(default_factory=list)  # with most of the words, best first (when ``partial``)
    partial: bool = False
    clause_hits: list[set[int]] | None = None

    def members(self) -> list[int]:
        """Every practice in the ranking, unordered."""
        return self.matched + self.extra

    def tiers(self) -> Iterator[list[int]]:
        """The ranking in order, a tier at a time: every word (best first), then most of the words."""
        yield from self.order.tiers()
        if self.extra:
            yield self.extra

    @property
    def ids(self) -> list[int]:
        """The whole ranking in order (ranks every tier: for exports, not for a page)."""
        return [pk for tier in self.tiers() for pk in tier]


def most_words_needed(clauses: int, complete: int) -> int:
    """More than half of the words; half of them when no practice has them all."""
    return max(1, math.ceil(clauses / 2)) if not complete else clauses // 2 + 1


def rank(query: Query, shown) -> Ranking:
    """Rank for the search page and API. ``shown(ids) -> int`` counts the ids that can be shown.

    Partial matches are added only when the practices with every word that can be shown are fewer than
    ``FEW``, and only for queries of two or more words.
    """
    backend = get_backend()
    matched = backend.matched_ids(query)
    ranking = Ranking(matched=matched, order=RankedOrder(backend.ranked_tiers(query)))
    clauses = len(query.clauses)
    complete = shown(matched)
    if clauses < 2 or complete >= FEW:
        return ranking
    hits = backend.clause_ids(query)
    ranking.clause_hits = hits
    counted: Counter = Counter()
    for found in hits:
        counted.update(found)
    need = most_words_needed(clauses, complete)
    extra = {pk for pk, count in counted.items() if need <= count < clauses}
    if not extra:
        return ranking
    order = {pk: position for position, pk in enumerate(backend.ranked_ids(query, require_all=False))}
    ranking.extra = sorted(extra, key=lambda pk: (-counted[pk], order.get(pk, len(order)), pk))
    ranking.partial = True
    return ranking
