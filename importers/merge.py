"""Records of one practice from several sources: recognise them and merge them into one."""

from __future__ import annotations

import copy
import re

from rapidfuzz import fuzz

from importers.extract.organisations import same_organisation
from importers.extract.places import merge_places
from importers.textutils import fold
from practices.records import ROLE_PRIORITY, PracticeRecord

MATCH_THRESHOLD = 0.6


def _names(record: PracticeRecord) -> list[str]:
    return [fold(n) for n in (record.short_name, record.title) if n]


def same_practice(a: PracticeRecord, b: PracticeRecord) -> tuple[bool, float, str]:
    """Whether two records describe one practice, a score 0..1 and the evidence, for the import report."""
    reasons: list[str] = []
    score = 0.0
    if a.short_name and b.short_name and fold(a.short_name) == fold(b.short_name):
        score += 0.45
        reasons.append(f"same short name {a.short_name!r}")
    else:
        mentions = [
            (x.short_name, y) for x, y in ((a, b), (b, a))
            if x.short_name and len(x.short_name) > 2
            and re.search(rf"(?<!\w){re.escape(fold(x.short_name))}(?!\w)", fold(y.title + " " + y.description))
        ]  # fmt: skip
        if mentions:
            score += 0.35
            reasons.append(f"short name {mentions[0][0]!r} named in the other")
    title_ratio = fuzz.token_set_ratio(fold(a.title), fold(b.title)) / 100 if a.title and b.title else 0.0
    if title_ratio >= 0.85:
        score += 0.35
        reasons.append(f"titles alike ({title_ratio:.2f})")
    shared_orgs = [
        x.name for x in a.organisations for y in b.organisations
        if x.type != "eu-programme-fund" and x.type != "national-ministry" and same_organisation(x.name, y.name)
    ]  # fmt: skip
    if shared_orgs:
        score += 0.25
        reasons.append(f"shared organisation {shared_orgs[0]!r}")
    shared_cities = {fold(p.city) for p in a.places if p.city} & {fold(p.city) for p in b.places if p.city}
    if shared_cities:
        score += 0.15
        reasons.append(f"same city {sorted(shared_cities)[0]!r}")
    elif any(p.region for p in a.places) and {p.region for p in a.places} & {p.region for p in b.places}:
        score += 0.05
    shared_people = {fold(c.name) for c in a.contacts if c.name} & {fold(c.name) for c in b.contacts if c.name}
    if shared_people:
        score += 0.15
        reasons.append("shared contact person")
    score = min(score, 1.0)
    has_name_evidence = any(r.startswith(("same short", "short name", "titles")) for r in reasons)
    matched = score >= MATCH_THRESHOLD and has_name_evidence
    return matched, round(score, 2), "; ".join(reasons) or "nothing in common"


def same_practice_in_another_language(a: PracticeRecord, b: PracticeRecord) -> tuple[bool, float, str]:
    """Like ``same_practice`` for a text and its translation, whose titles cannot be compared.

    Needs the facts to agree instead: the same acronym, or the same organisation in the same city with
    the same contact person or start year.
    """
    _, score, reason = same_practice(a, b)
    same_acronym = "same short name" in reason
    facts = "shared organisation" in reason and "same city" in reason
    corroborated = "shared contact person" in reason or (a.start_year and a.start_year == b.start_year)
    matched = same_acronym and score >= MATCH_THRESHOLD or (facts and bool(corroborated))
    return matched, score, reason


def merge(a: PracticeRecord, b: PracticeRecord) -> PracticeRecord:
    """One record: scalars from ``a`` unless empty, lists united without duplicates, both sources."""
    result = copy.deepcopy(a)
    other = copy.deepcopy(b)
    for name in (
        "title",
        "short_name",
        "short_name_expansion",
        "short_name_translation",
        "summary",
        "language",
        "description",
        "challenge",
        "approach",
        "results",
        "interview",
        "end_year",
    ):
        if not getattr(result, name):
            setattr(result, name, getattr(other, name))
    years = [y for y in (a.start_year, b.start_year) if y]
    if years:
        result.start_year = min(years)
        if len(set(years)) > 1:
            result.warnings.append(f"sources differ on the start year: {sorted(set(years))}; kept the earliest")
    known = {x.sha256 for x in a.sources if x.sha256}
    result.sources = a.sources + [s for s in other.sources if not s.sha256 or s.sha256 not in known]
    result.places = merge_places(a.places + other.places)
    for name in (
        "programmes",
        "target_groups",
        "themes",
        "transfer_audiences",
        "replicated_in",
        "outcomes",
        "lessons",
        "warnings",
    ):
        setattr(result, name, list(dict.fromkeys(getattr(a, name) + getattr(other, name))))
    result.organisations = _merge_organisations(result.organisations, other.organisations)
    result.contacts = _merge_by(result.contacts, other.contacts, lambda c: fold(c.name or c.email))
    result.awards = _merge_by(result.awards, other.awards, lambda x: (fold(x.name)[:20], x.year))
    result.quotes = _merge_by(result.quotes, other.quotes, lambda q: fold(q.quote)[:60])
    result.events = _merge_by(result.events, other.events, lambda e: (e.year, fold(e.text)[:60]))
    result.resources = _merge_by(result.resources, other.resources, lambda r: r.url or fold(r.title))
    result.replications = _merge_by(result.replications, other.replications, lambda r: (fold(r.city), r.country))
    result.events.sort(key=lambda e: e.year)
    result.confidence = max(a.confidence, b.confidence)
    return result


def _merge_organisations(first: list, second: list) -> list:  # noqa: ANN001
    result = list(first)
    for org in second:
        match = next((o for o in result if same_organisation(o.name, org.name)
                      or (org.short_name and org.short_name == o.short_name)), None)  # fmt: skip
        if match is None:
            result.append(org)
            continue
        if len(org.name) > len(match.name):
            match.name = org.name
        match.short_name = match.short_name or org.short_name
        match.type = match.type or org.type
        if ROLE_PRIORITY.get(org.role, 9) < ROLE_PRIORITY.get(match.role, 9):
            match.role = org.role
    return result


def _merge_by(first: list, second: list, key) -> list:  # noqa: ANN001
    result = list(first)
    for item in second:
        match = next((x for x in result if key(x) == key(item)), None)
        if match is None:
            result.append(item)
        elif hasattr(match, "__dataclass_fields__"):
            for name in match.__dataclass_fields__:
                if not getattr(match, name) and getattr(item, name):
                    setattr(match, name, getattr(item, name))
    return result


def merge_all(records: list[PracticeRecord]) -> list[tuple[PracticeRecord, list[str]]]:
    """Group records into practices; each with the match reasons that joined its sources."""
    practices: list[tuple[PracticeRecord, list[str]]] = []
    for record in records:
        for index, (practice, reasons) in enumerate(practices):
            matched, score, reason = same_practice(practice, record)
            if matched:
                practices[index] = (merge(practice, record), [*reasons, f"{score}: {reason}"])
                break
        else:
            practices.append((record, []))
    return practices
