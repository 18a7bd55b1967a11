"""Cities of Migration "Good Idea" pages.

Layout: "CITY , COUNTRY" line, title, organisation, date "Month D, YYYY", teaser, narrative with
sub-headings, "Making it Work for You:" bullets, "For this Good Idea contact:" block, then a sidebar of
*other* Good Ideas (cut by cleaning; it must never leak into the record).
"""

from __future__ import annotations

import re

from importers.cleaning import clean
from importers.extract import dates, story
from importers.parsers.base import CONTACT_HEADING, Parts, assemble, contact_blocks
from importers.textutils import is_heading, paragraphs
from importers.vocabulary import Vocabulary
from practices.records import ROLE_IMPLEMENTING, OrganisationRecord, PracticeRecord, SourceRecord

KIND = "cities_of_migration"
PUBLISHER = "Cities of Migration"
_MARKERS = (
    (r"For\s+this\s+Good\s+Idea\s+contact", 0.4),
    (r"Making\s+it\s+Work\s+for\s+You", 0.35),
    (r"Recent\s+Good\s+Ideas", 0.2),
    (r"\A\s*[A-Z][\w .'-]{1,50}\s,\s[A-Z][\w .'-]{2,40}\s*$", 0.15),
    (r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}$",
     0.1),
)  # fmt: skip
_LOCATION = re.compile(r"^(?P<city>[A-Z][^,\n]{1,50}?)\s*,\s*(?P<country>[A-Z][\w .'-]{2,40})$")
_LESSONS = re.compile(r"^(?:Making\s+it\s+Work\s+for\s+You|Lessons\s+learned|Key\s+lessons)\s*:?\s*$", re.I | re.M)


def detect(text: str) -> float:
    return min(1.0, sum(weight for pattern, weight in _MARKERS if re.search(pattern, text, re.M)))


def parse(text: str, *, vocabulary: Vocabulary) -> PracticeRecord:
    cleaned = clean(text)
    parts = Parts(kind=KIND, detection=detect(text))
    lines = [line for line in cleaned.text.split("\n") if line.strip()]
    head: list[str] = []
    index = 0
    if lines and _LOCATION.match(lines[0]):
        m = _LOCATION.match(lines[0])
        assert m is not None  # noqa: S101 - matched just above
        parts.place_hints.append((m.group("city").strip(), m.group("country").strip()))
        index = 1
    date = ""
    while index < len(lines) and len(head) < 4:
        line = lines[index]
        found_date = dates.dateline(line)
        index += 1
        if found_date:
            date = found_date
            break
        if len(line) > 160:
            index -= 1
            break
        head.append(line)
    parts.title = head[0] if head else ""
    organisation_line = head[1] if len(head) > 1 else ""
    rest = "\n".join(cleaned.text.split("\n"))
    start = rest.find(lines[index]) if index < len(lines) else len(rest)
    rest = rest[start:]
    lessons_m = _LESSONS.search(rest)
    if lessons_m:
        after = rest[lessons_m.end() :]
        contact_m = CONTACT_HEADING.search(after)
        block = after[: contact_m.start()] if contact_m else after
        parts.lessons = story.bullets(block)
        tail = after[contact_m.start() :] if contact_m else ""
        rest = rest[: lessons_m.start()] + "\n\n" + tail
    body, contacts = contact_blocks(rest)
    parts.body, parts.contact_text = body, contacts
    first_long = next((p for p in paragraphs(body) if len(p) >= 100 and not is_heading(p)), "")
    parts.summary = first_long
    if organisation_line:
        parts.short_name_hints = (organisation_line,)
        first = re.split(r"\s+[-–]\s+", organisation_line)[0]
        parts.organisations.append(OrganisationRecord(name=first, role=ROLE_IMPLEMENTING))
    parts.extra = organisation_line
    parts.source = SourceRecord(kind=KIND, title=parts.title, publisher=PUBLISHER, date=date)
    return assemble(parts, vocabulary, cleaned.text)
