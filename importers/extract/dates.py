"""Start and end years, dated events, and the dates a source carries about itself.

The start year comes only from cues that speak of the practice itself ("since 2008", "launched in
2004", "In 2008, the city established <the practice>"); years of awards, publications, "last updated"
and other organisations' histories do not count.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from importers.textutils import MONTHS
from practices.records import EventRecord

YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Januar|Februar|März|Juni|Juli|Oktober|Dezember)"  # noqa: E501
_START_VERBS = r"(?:established|launched|founded|set\s+up|started|initiated|created|introduced|began|begun|gegründet|gestartet|ins\s+Leben\s+gerufen)"  # noqa: E501
_NOT_START = re.compile(
    r"\b(award|prize|preis|auszeichnung|updated|aktualisiert|published|report|study|law|gesetz|campaign|version)", re.I
)  # noqa: E501
_SINCE = re.compile(
    rf"\b(?:since|seit)\s+(?:(?:the\s+)?(?:beginning|start|summer|autumn|spring|winter)\s+(?:of\s+)?)?(?:{_MONTH}\s+)?({YEAR})\b",
    re.I,
)  # noqa: E501
_VERB_IN = re.compile(
    rf"\b(?:was|were|has\s+been|had\s+been|is|wurde)?\s*{_START_VERBS}\s+(?:in\s+|im\s+Jahr\s+)?(?:(?:early|late|mid-?)\s*)?(?:{_MONTH}\s+)?({YEAR})\b",
    re.I,
)  # noqa: E501
_IN_YEAR_VERB = re.compile(
    rf"\b(?:In|Im\s+Jahr)\s+(?:{_MONTH}\s+)?({YEAR}),?\s+([^.;]{{0,100}}?)\b{_START_VERBS}\b\s+([^.;]{{0,80}})", re.I
)  # noqa: E501
_RANGE = re.compile(
    rf"\b(?:from|von)\s+({YEAR})\s+(?:to|until|till|bis)\s+({YEAR})\b|\b({YEAR})\s*[-–]\s*({YEAR})\b", re.I
)  # noqa: E501
_END = re.compile(
    rf"\b(?:ended|ran\s+until|finished|completed|closed|endete|lief\s+bis)\s+(?:in\s+)?(?:{_MONTH}\s+)?({YEAR})\b", re.I
)  # noqa: E501
_EVENT_START = re.compile(
    rf"^(?:In|Im|Since|Seit|By|Bis)\s+(?:(?:the\s+)?(?:summer|autumn|spring|winter|early|late)\s+(?:of\s+)?)?(?:{_MONTH}\s+)?({YEAR})\b"
)  # noqa: E501
_EVENT_CUE = re.compile(
    rf"\b(?:joined|expanded|extended|awarded|won|received|replicated|transferred|became|renamed|moved|launched|started|began)\b[^.]{{0,60}}\b(?:in\s+)?({YEAR})\b",
    re.I,
)  # noqa: E501
_LAST_UPDATED = re.compile(
    r"\b(?:last\s+updated|last\s+modified|zuletzt\s+aktualisiert|stand)\s*(?:on|am|:)?\s*(\d{1,2})[./](\d{1,2})[./](\d{4})",
    re.I,
)  # noqa: E501
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DATE = re.compile(rf"^\s*({_MONTH})\s+(\d{{1,2}}),\s*({YEAR})\s*$", re.M)
_DE_DATE = re.compile(r"^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\s*$", re.M)


def start_year(sentences: list[str], is_self: Callable[[str], bool]) -> int | None:
    """The earliest year that a start cue ties to the practice itself."""
    candidates: list[int] = []
    for sentence in sentences:
        if _NOT_START.search(sentence) and not is_self(sentence.split(",")[0]):
            continue
        for m in _SINCE.finditer(sentence):
            opening = m.start() == 0 or re.match(r"^\W*$", sentence[: m.start()])
            ongoing = re.search(r"\b(?:has|have|hat|haben)\b", sentence[: m.start()])
            if is_self(sentence) or opening or ongoing:
                candidates.append(int(m.group(1)))
        for m in _VERB_IN.finditer(sentence):
            before = " ".join(re.split(r"\s+", sentence[: m.start()])[-7:])
            apposition = re.match(
                r"^([^,]{3,80}),[^,]{3,120},\s*(?:(?:was|were|is|has\s+been)\s*)?$", sentence[: m.start()]
            )
            if apposition and is_self(apposition.group(1)):
                before = apposition.group(1)  # "The X, an advice desk for ..., was set up in 2006"
            if not before.strip() and re.match(
                r"\s*(?:launched|started|founded|set\s+up|established|initiated)\b", sentence, re.I
            ):
                candidates.append(int(m.group(1)))  # "Launched in 2012, the programme ..."
                continue
            if re.search(r"\bby\s*$", sentence[m.end() : m.end() + 4]) and not is_self(before):
                continue
            if is_self(before):
                candidates.append(int(m.group(1)))
        for m in _IN_YEAR_VERB.finditer(sentence):
            if is_self(m.group(3)) or is_self(m.group(2)) and not re.search(r"\ba\b|\ban\b", m.group(3)[:3]):
                candidates.append(int(m.group(1)))
        for m in _RANGE.finditer(sentence):
            if is_self(sentence):
                candidates.append(int(m.group(1) or m.group(3)))
    return min(candidates) if candidates else None


def end_year(sentences: list[str], is_self: Callable[[str], bool]) -> int | None:
    for sentence in sentences:
        if not is_self(sentence):
            continue
        m = _END.search(sentence)
        if m:
            return int(m.group(1))
        m = _RANGE.search(sentence)
        if m:
            return int(m.group(2) or m.group(4))
    return None


def events(sentences: list[str]) -> list[EventRecord]:
    """Dated events: sentences opening with a year ("In 2010, ...") or with a dated change cue."""
    found: list[EventRecord] = []
    for sentence in sentences:
        m = _EVENT_START.match(sentence) or _EVENT_CUE.search(sentence)
        if not m or len(sentence) > 600:
            continue
        text = sentence if len(sentence) <= 300 else sentence[:297].rsplit(" ", 1)[0] + "…"
        found.append(EventRecord(year=int(m.group(1)), text=text))
    return found


def last_updated(text: str) -> str:
    m = _LAST_UPDATED.search(text)
    if not m:
        return ""
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else ""


def dateline(text: str) -> str:
    """A date standing alone on a line ("March 2, 2017", "02.03.2017"), as ISO 8601."""
    m = _MONTH_DATE.search(text)
    if m:
        month = MONTHS.get(m.group(1).lower(), 0)
        return f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}" if month else ""
    m = _DE_DATE.search(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return ""


_ONGOING = re.compile(r"\b(?:ongoing|laufend|unbefristet|open[- ]ended|present|heute|today)\b", re.I)


def field_years(found: list) -> tuple[int | None, int | None]:
    """(start, end) from labelled fields: "Start date: March 2004", "Laufzeit: 2015 bis 2018",
    "Duration: 01.07.2005 - 31.12.2007", "Timeframe: 2019 - 2022"."""
    start: int | None = None
    end: int | None = None
    for field in found:
        years = [int(y) for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", field.value)]
        if field.key == "start" and years and start is None:
            start = years[0]
        elif field.key == "end" and years and end is None and not _ONGOING.search(field.value):
            end = years[0]
        elif field.key == "period" and years:
            start = start or years[0]
            if len(years) > 1 and not _ONGOING.search(field.value):
                end = end or years[-1]
    return start, end
