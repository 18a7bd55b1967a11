"""Fallback for pages of sources no parser knows: title, summary, contacts and the facts in the text.

Its records get a low confidence and the warning "unknown format: parsed generically".
"""

from __future__ import annotations

from importers.cleaning import clean
from importers.parsers.base import Parts, assemble, choose_title, contact_blocks
from importers.textutils import is_heading, paragraphs
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord, SourceRecord

KIND = "generic"
WARNING = "unknown format: parsed generically"
MAX_CONFIDENCE = 0.35


def detect(text: str) -> float:
    return 0.05


def parse(text: str, *, vocabulary: Vocabulary) -> PracticeRecord:
    cleaned = clean(text)
    parts = Parts(kind=KIND, detection=0.0, warnings=[WARNING])
    paras = paragraphs(cleaned.text)
    title = choose_title(cleaned.text) or next((p for p in paras[:5] if is_heading(p)), paras[0][:120] if paras else "")
    rest = cleaned.text.replace(title, "", 1) if title else cleaned.text
    body, contacts = contact_blocks(rest)
    parts.title, parts.body, parts.contact_text = title, body, contacts
    parts.summary = next((p for p in paragraphs(body) if len(p) >= 80), "")
    parts.source = SourceRecord(kind=KIND, title=title)
    record = assemble(parts, vocabulary, cleaned.text)
    record.confidence = min(record.confidence, MAX_CONFIDENCE)
    return record
