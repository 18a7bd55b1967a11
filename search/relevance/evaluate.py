"""Evaluate the search against the judged set (``judgements.yaml``): recall@20 and MRR per group and language.

recall@20: the share of a query's judged practices among its first 20 results (of at most 20 judged);
MRR: the mean of 1 / rank of the first judged practice (0 when none is in the first 20). For typos, the
suggestion must contain the intended word, and recall and MRR are measured on the suggested query (what
a click on "Did you mean" gives).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils import translation
from wagtail.models import Locale

from search.analysis import fold
from search.engine import SearchParams, run_search

JUDGEMENTS = Path(__file__).with_name("judgements.yaml")
DEPTH = 20


@dataclass
class Judged:
    group: str
    lang: str
    q: str
    expected: list[str]
    suggest: str = ""


@dataclass
class Measured:
    judged: Judged
    found: list[str]
    recall: float
    reciprocal_rank: float
    suggested: str = ""

    @property
    def suggestion_ok(self) -> bool:
        return bool(self.judged.suggest) and fold(self.judged.suggest) in fold(self.suggested).split()


@dataclass
class GroupScore:
    group: str
    lang: str
    queries: int = 0
    recall: float = 0.0
    mrr: float = 0.0
    suggestions: int = 0
    misses: list[str] = field(default_factory=list)


def load_judgements(path: Path = JUDGEMENTS) -> list[Judged]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Judged(item["group"], item["lang"], str(item["q"]), list(item["expected"]), item.get("suggest", ""))
        for item in data["queries"]
    ]


def _slugs(q: str, locale: Locale) -> tuple[list[str], str]:
    outcome = run_search(SearchParams(q=q, page_size=DEPTH), locale)
    suggestion = outcome.did_you_mean["q"] if outcome.did_you_mean else ""
    return [practice.slug for practice in outcome.results], suggestion


def measure(judged: Judged) -> Measured:
    locale = Locale.objects.get(language_code=judged.lang)
    with translation.override(judged.lang):
        found, suggested = _slugs(judged.q, locale)
        if judged.suggest:
            found = _slugs(suggested, locale)[0] if suggested else []
    expected = judged.expected
    hits = [slug for slug in found[:DEPTH] if slug in expected]
    recall = len(set(hits)) / min(DEPTH, len(expected))
    first = next((rank for rank, slug in enumerate(found[:DEPTH], 1) if slug in expected), None)
    return Measured(judged, found, recall, 1 / first if first else 0.0, suggested)


def evaluate(judgements: list[Judged] | None = None) -> tuple[list[Measured], list[GroupScore]]:
    measured = [measure(judged) for judged in judgements or load_judgements()]
    groups: dict[tuple[str, str], list[Measured]] = defaultdict(list)
    for item in measured:
        groups[(item.judged.group, item.judged.lang)].append(item)
    scores = []
    for (group, lang), items in groups.items():
        score = GroupScore(group, lang, len(items))
        score.recall = sum(item.recall for item in items) / len(items)
        score.mrr = sum(item.reciprocal_rank for item in items) / len(items)
        score.suggestions = sum(item.suggestion_ok for item in items)
        score.misses = [
            item.judged.q for item in items if item.recall < 1 or (item.judged.suggest and not item.suggestion_ok)
        ]
        scores.append(score)
    return measured, scores


def table(scores: list[GroupScore]) -> str:
    lines = [f"{'group':<12} {'lang':<4} {'queries':>7} {'recall@20':>10} {'MRR':>6} {'suggested':>10}  below 1.0"]
    for score in scores:
        suggested = f"{score.suggestions}/{score.queries}" if score.group == "typos" else ""
        lines.append(
            f"{score.group:<12} {score.lang:<4} {score.queries:>7} {score.recall:>10.2f} {score.mrr:>6.2f} "
            f"{suggested:>10}  {'; '.join(score.misses)}"
        )
    return "\n".join(lines)
