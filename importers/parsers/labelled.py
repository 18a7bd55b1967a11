"""Shared reading for databases whose practice pages are a title, a block of labelled fields and
narrative sections (EWSI, the UN Migration Network Hub): the fields are read in ``assemble``."""

from __future__ import annotations

import re

from importers.cleaning import clean
from importers.extract import fields
from importers.parsers.base import Parts, assemble, choose_title, contact_blocks
from importers.textutils import is_heading, paragraphs
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord, SourceRecord


def parse_labelled(text: str, *, kind: str, publisher: str, detection: float, vocabulary: Vocabulary) -> PracticeRecord:
    cleaned = clean(text)
    parts = Parts(kind=kind, detection=detection)
    parts.title = choose_title(cleaned.text)
    rest = cleaned.text
    if parts.title:
        rest = rest[rest.find(parts.title) + len(parts.title) :]
    narrative = "\n".join(line for line in rest.split("\n") if not fields.is_label_line(line))
    body, contacts = contact_blocks(narrative)
    body = "\n\n".join(p for p in paragraphs(body) if len(p) > 60 or not is_heading(p))
    parts.body, parts.contact_text = body, contacts
    parts.summary = next((p for p in paragraphs(body) if len(p) >= 80), "")
    date = re.search(r"\|\s*(\d{1,2}\s+\w+\s+\d{4}|\d{2}\.\d{2}\.\d{4})\s*$", cleaned.text, re.M)
    parts.source = SourceRecord(kind=kind, title=parts.title, publisher=publisher, date=date.group(1) if date else "")
    return assemble(parts, vocabulary, cleaned.text)
