"""Narrative facts: awards, replications, lessons, quotes, interviews, outcomes."""

from __future__ import annotations

import re

from importers.extract.dates import YEAR
from importers.extract.places import find_cities
from importers.textutils import squash
from practices.records import AwardRecord, InterviewRecord, QuoteRecord

_PRIZE_WORD = r"(?:Prize|Award|Preis|Integrationspreis|Award\s+for\s+[A-Z][\w ]{2,40})"
_AWARD_WORD = r"(?:[A-ZÄÖÜ][\w'’.-]*\s+|of\s+|for\s+|the\s+|für\s+|des\s+|der\s+)"
_AWARD_NAME = rf"((?:the\s+)?{_AWARD_WORD}{{0,8}}{_PRIZE_WORD}(?:\s+{YEAR})?)"
_AWARD_CUE = re.compile(
    rf"\b(?:was\s+awarded|were\s+awarded|received|won|has\s+won|was\s+given|erhielt|gewann)\s+{_AWARD_NAME}"
)
_AWARD_PLAIN = re.compile(rf"\b((?:[A-ZÄÖÜ][\w'’.-]*\s+){{1,6}}{_PRIZE_WORD})\s+({YEAR})\b")
_REPLICATION = re.compile(
    r"\b(?:replicated|transferred|adopted|rolled\s+out|copied|taken\s+(?:up|over)|übertragen|adaptiert|übernommen)"
    r"\s+(?:in|to|by|into|auf|nach|in\s+den)"
    r"\s+([^.;]{3,200})",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"(?:^|(?<=[\s:(*]))[“\"„«]\*?([A-ZÄÖÜ][^”\"“«»]{29,600})[”\"“»]")
_ATTRIBUTION = re.compile(
    r"\b(?:says|said|explains|explained|adds|added|notes|recalls|according\s+to|sagt|erklärt|betont)\s+"
    r"((?:[A-ZÄÖÜ][\wäöüß-]+\s?){1,3})"
    r"|((?:[A-ZÄÖÜ][\wäöüß-]+\s){1,2}[A-ZÄÖÜ][\wäöüß-]+)\s*,?\s+(?:says|said|explains|explained|adds|notes)\b"
)
_PRONOUN_SAYS = re.compile(r"\b(?:she|he|they)\s+(?:says|said|explains|adds|notes)\b", re.I)
_INTERVIEW = re.compile(
    r"^(?:Three|Four|Five|Two|Drei|Vier|Fünf|Zwei)\s+(?:questions|Fragen)\s+(?:to|for|an)\s+(.+)$|^Interview\s+(?:with|mit)\s+(.+)$",
    re.M | re.I,
)
_OUTCOME_CUE = re.compile(
    r"\b(resulted\s+in|results?\s+(?:show|include)|led\s+to|were\s+able\s+to|has\s+become|have\s+become|improved|"
    r"increased|reduced|outcomes?|succeeded|successfully|made\s+a\s+difference|strengthened|changed|"
    r"führte\s+zu|Ergebnis|erfolgreich|verbessert)",
    re.I,
)


def awards(sentences: list[str]) -> list[AwardRecord]:
    found: list[AwardRecord] = []
    for sentence in sentences:
        year_m = re.search(rf"\b({YEAR})\b", sentence)
        for m in _AWARD_CUE.finditer(sentence):
            name = re.sub(r"^the\s+", "", squash(m.group(1)))
            year_in = re.search(rf"\s({YEAR})$", name)
            year = int(year_in.group(1)) if year_in else (int(year_m.group(1)) if year_m else None)
            name = re.sub(rf"\s+{YEAR}$", "", name)
            found.append(AwardRecord(name=name, year=year))
        if not _AWARD_CUE.search(sentence):
            for m in _AWARD_PLAIN.finditer(sentence):
                name = re.sub(r"^(?:The|the|A)\s+", "", squash(m.group(1)))
                found.append(AwardRecord(name=name, year=int(m.group(2))))
    unique: dict[str, AwardRecord] = {}
    for award in found:
        unique.setdefault(award.name.lower(), award)
    return list(unique.values())


def replications(sentences: list[str], country: str) -> list[str]:
    places: list[str] = []
    for sentence in sentences:
        for m in _REPLICATION.finditer(sentence):
            for name, _city in find_cities(m.group(1), country):
                if name not in places:
                    places.append(name)
    return places


def quotes(text: str, names: list[str]) -> list[QuoteRecord]:
    found: list[QuoteRecord] = []
    for para in re.split(r"\n\s*\n", text):
        last_person = ""
        for m in _QUOTE.finditer(para):
            quote = squash(m.group(1)).strip()
            words = quote.split()
            if len(words) < 6 or sum(w[0].isupper() for w in words) > len(words) / 2:
                continue  # a title or a name in quotation marks, not something said
            context = para[max(0, m.start() - 250) : m.end() + 120]
            attribution = ""
            am = _ATTRIBUTION.search(context)
            if am:
                attribution = squash(am.group(1) or am.group(2) or "")
            if not attribution and _PRONOUN_SAYS.search(para[m.end() : m.end() + 40]):
                attribution = last_person
            if not attribution:
                named = [n for n in names if n.split()[-1] in context]
                attribution = named[0] if named else ""
            attribution = _full_name(attribution, names)
            last_person = attribution or last_person
            found.append(QuoteRecord(quote=quote, attribution=attribution))
    return found


def _full_name(partial: str, names: list[str]) -> str:
    partial = partial.strip()
    for name in names:
        if partial and (partial == name or name.endswith(" " + partial) or partial.endswith(name)):
            return name
    return partial


def interview(text: str, end_markers: tuple[str, ...] = ("Imprint", "Impressum")) -> InterviewRecord | None:
    m = _INTERVIEW.search(text)
    if not m:
        return None
    heading = squash(m.group(1) or m.group(2))
    person, _, function = heading.partition(",")
    body = text[m.end() :]
    for marker in end_markers:
        cut = re.search(rf"^{marker}\s*$", body, re.M)
        if cut:
            body = body[: cut.start()]
    return InterviewRecord(person=person.strip(), function=function.strip(), text=body.strip())


def bullets(block: str) -> list[str]:
    """Bullet items of a list block ("•", "-", "*", "1.") or, failing bullets, its sentences-as-lines."""
    items = [squash(m.group(1)) for m in re.finditer(r"^\s*(?:[•●▪‣◦*–-]|\d+[.)])\s+(.+)$", block, re.M)]
    return [i for i in items if len(i) > 3]


def outcomes(sentences: list[str], limit: int = 8) -> list[str]:
    found = [s for s in sentences if _OUTCOME_CUE.search(s) and 30 < len(s) < 400]
    return found[:limit]
