"""Title casing, the practice's short name or acronym, and acronym expansions (also from footnotes)."""

from __future__ import annotations

import re
from collections import Counter

from importers.extract.organisations import KNOWN_ORGANISATIONS
from importers.textutils import squash

_KNOWN_ACRONYMS = {k.short_name for k in KNOWN_ORGANISATIONS} | {
    "EU", "IQ", "MEET", "EQUAL", "DP", "NGO", "NGOs", "SME", "SMEs", "OECD", "UEFA", "PDF", "PC", "HR", "ILO", "IOM",
    "UN", "UNHCR", "USA", "UK", "GmbH", "gGmbH", "ESF", "BAMF", "IHK", "HWK", "VHS", "DGB", "CV", "CVs", "IT", "ICT",
    "TV", "FAQ", "URL", "PPT", "II", "III", "IV", "IST", "EXIS", "ZWH", "KMU", "ID", "OK", "DE", "Ltd",
}  # fmt: skip
_SELF_NOUN = r"(?:DP|Development\s+Partnership|project|Projekt|programme|program|network|Netzwerk|[Ii]nitiative)"
_ACRONYM = re.compile(r"\b[A-ZÄÖÜ][a-zäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*\b")
_FOOTNOTE = re.compile(
    r"^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹*]|\[?\d\]?)\s*([A-Z][\w-]{1,15})\s+(?:stands\s+for|steht\s+für|means|=|:)\s+(.+)$", re.M
)
_EXPANSION = r"(?:[A-ZÄÖÜ][\wäöüß/-]*\s+)(?:(?:[\wäöüß/-]+\s+){0,10})"


def smart_case(title: str, body: str) -> str:
    """Upper-case titles in sentence case, keeping the casing words have in the body (MigraNet, EU)."""
    if not title or not title.isupper():
        return title
    out = []
    for index, word in enumerate(title.split()):
        core = word.strip(",:;.!?()\"'")
        # only mid-sentence uses tell a word's own casing
        seen = Counter(m.group(0) for m in re.finditer(rf"(?<=[\w,;] ){re.escape(core)}(?![\w])", body, re.I))
        cased = [w for w in seen if not w.islower() and not w.isupper()]
        cased = cased or [w for w in seen if w.isupper() and len(w) > 1]
        if cased and len(core) > 1:
            replacement = max(cased, key=lambda w: seen[w])
        elif index == 0:
            replacement = core.capitalize()
        else:
            replacement = core.lower()
        out.append(word.replace(core, replacement))
    return " ".join(out)


def short_name(title: str, body: str, hints: tuple[str, ...] = ()) -> str:
    """The practice's own acronym or coined name: in the title, or named with 'DP'/'project' and often used."""
    counts = Counter(m.group(0) for m in _ACRONYM.finditer(body))
    candidates = [c for c in counts if c not in _KNOWN_ACRONYMS and len(c) > 2 and not re.fullmatch(r"[A-Z]\w?", c)]
    for hint in hints:
        first = re.split(r"\s+[-–:|]\s+|\s*,\s*", hint.strip())[0]
        if first and (first in candidates or (" " not in first and first.isupper() and 2 < len(first) <= 12)):
            cased = [c for c in candidates if c.lower() == first.lower()]
            return max(cased, key=lambda c: counts[c]) if cased else first
    head = re.split(r"\s+[-–:]\s+", title)[0].strip()
    for candidate in sorted(candidates, key=lambda c: -counts[c]):
        if candidate.lower() == head.lower():
            return candidate
    for candidate in sorted(candidates, key=lambda c: -counts[c]):
        named = re.search(rf"\b{re.escape(candidate)}(?:'s)?\s+{_SELF_NOUN}\b", body)
        if named and counts[candidate] >= 2:
            return candidate
    return ""


def footnote_expansion(text: str, acronym: str) -> tuple[str, str]:
    """(expansion, translation) from a footnote: '¹ ALBuM stands for Arbeits... (Employment-oriented ...)'."""
    for m in _FOOTNOTE.finditer(text):
        if acronym and m.group(1).lower() != acronym.lower():
            continue
        rest = squash(m.group(2).replace("**", ""))
        translation = ""
        tm = re.search(r"\(([^()]{5,200})\)\s*\.?$", rest)
        if tm:
            translation = tm.group(1).strip()
            rest = rest[: tm.start()].strip()
        return rest.strip(' ."“”'), translation
    return "", ""


def inline_expansion(text: str, acronym: str) -> str:
    """'Migrants Employment Empowerment Training (MEET)' -> the words before the acronym in parentheses."""
    if not acronym:
        return ""
    words = r"(?:[A-ZÄÖÜ][\wäöüß'-]*\s+(?:(?:for|of|and|through|für|und|mit|the)\s+)?)"
    m = re.search(rf"({words}{{2,8}})\({re.escape(acronym)}\)", text)
    return squash(m.group(1)) if m else ""
