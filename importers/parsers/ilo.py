"""ILO labour-migration good-practices database pages.

Layout: breadcrumb "MIGRANT Home > Good practices database - ... > TITLE", the title "NAME in CITY,
COUNTRY", one long body paragraph, "This practice was kindly contributed by ...", "last updated on
DD.MM.YYYY".
"""

from __future__ import annotations

import re

from importers.cleaning import clean
from importers.extract import dates
from importers.parsers.base import Parts, assemble, choose_title, contact_blocks
from importers.textutils import paragraphs, sentences
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord, SourceRecord

KIND = "ilo"
PUBLISHER = "International Labour Organization (ILO)"
_MARKERS = (
    (r"good\s+practices\s+database", 0.35),
    (r"labou?r\s+migration\s+policies\s+and\s+programmes", 0.2),
    (r"MIGRANT\s+Home", 0.2),
    (r"last\s+updated\s+on\s+\d{1,2}\.\d{1,2}\.\d{4}", 0.15),
    (r"(?:kindly\s+)?contributed\s+by", 0.1),
    (r"^\s*ILO\s+Home\s*$", 0.15),
)
_TITLE_PLACE = re.compile(r"^(?P<name>.+?)\s+in\s+(?P<city>[^,]{2,60}),\s*(?P<country>[A-Z][\w .'-]{2,40})$")
_CONTRIBUTED = re.compile(r"(?:kindly\s+)?contributed\s+by\s+(?:the\s+)?([^,.(\n]{3,100})", re.I)


def detect(text: str) -> float:
    return min(1.0, sum(weight for pattern, weight in _MARKERS if re.search(pattern, text, re.I | re.M)))


def parse(text: str, *, vocabulary: Vocabulary) -> PracticeRecord:
    cleaned = clean(text)
    crumbs = [c for c in cleaned.chrome if c.startswith(">") or " > " in c]
    body_paras = paragraphs(cleaned.text)
    title_line = crumbs[-1].split(">")[-1].strip() if crumbs else ""
    if not title_line or len(title_line.split()) < 2:
        title_line = choose_title(cleaned.text) or title_line
    while body_paras and len(body_paras[0]) < 160 and not body_paras[0].endswith("."):
        body_paras = body_paras[1:]  # navigation and the title line
    if body_paras and (not title_line or body_paras[0] == title_line or len(body_paras[0]) < 160):
        title_line = title_line or body_paras[0]
        if body_paras[0] == title_line or len(body_paras[0]) < 160 and not body_paras[0].endswith("."):
            body_paras = body_paras[1:]
    parts = Parts(kind=KIND, detection=detect(text))
    m = _TITLE_PLACE.match(title_line)
    if m:
        parts.title = m.group("name")
        parts.place_hints.append((m.group("city"), m.group("country")))
    else:
        parts.title = title_line
    contributed = ""
    narrative = []
    for para in body_paras:
        cm = _CONTRIBUTED.search(para)
        if cm:
            contributed = cm.group(1).strip()
            continue
        if re.match(r"last\s+updated", para, re.I):
            continue
        narrative.append(re.sub(r"\blast\s+updated\s+on\s+[\d.]+", "", para).strip())
    body, contacts = contact_blocks("\n\n".join(narrative))
    parts.body, parts.contact_text = body, contacts
    parts.summary = " ".join(sentences(body)[:2])[:600]
    parts.source = SourceRecord(
        kind=KIND, title=title_line, publisher=PUBLISHER, contributed_by=contributed,
        last_updated=dates.last_updated(text),
    )  # fmt: skip
    return assemble(parts, vocabulary, cleaned.text)
