"""The one registry of source kinds. A new source kind is a new module here and one line in ``PARSERS``.

Each parser module exposes ``KIND``, ``detect(text) -> float`` (0..1, from the format's markers) and
``parse(text, *, vocabulary) -> PracticeRecord``.
"""

from __future__ import annotations

import hashlib
import re
from types import ModuleType

from importers.cleaning import clean
from importers.errors import ImporterError, NoContent, ParserCrash, UnknownFormat
from importers.evidence import attach_evidence
from importers.parsers import cities_of_migration, equal, ewsi, generic, ilo, iq_good_practice, un_migration_hub
from importers.reading import check_prose, read_document
from importers.textutils import fold, squash
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord

PARSERS: dict[str, ModuleType] = {
    ilo.KIND: ilo,
    cities_of_migration.KIND: cities_of_migration,
    equal.KIND: equal,
    iq_good_practice.KIND: iq_good_practice,
    ewsi.KIND: ewsi,
    un_migration_hub.KIND: un_migration_hub,
    generic.KIND: generic,
}
FALLBACK = generic.KIND
MIN_DETECTION = 0.3
# Real practice pages have far less text; past this the extractors' cost is spent on noise.
MAX_ANALYSED_CHARS = 50_000
_default_vocabulary: Vocabulary | None = None


_ILO_PLACE = re.compile(r"\s+in\s+[^,]{2,60},\s*[A-Z][\w .'-]{2,40}$")


def _same_title(title: str, heading: str) -> bool:
    a, b = fold(squash(title)), fold(squash(heading))
    return bool(a) and (a in b or b in a)


def detect_kind(text: str) -> tuple[str, float]:
    """The best-scoring source kind and its score; the generic fallback when no format is recognised."""
    scores = {kind: module.detect(text) for kind, module in PARSERS.items() if kind != FALLBACK}
    kind = max(scores, key=lambda k: scores[k])
    if scores[kind] < MIN_DETECTION:
        return FALLBACK, scores[kind]
    return kind, scores[kind]


def parse_document(
    raw: bytes | str, *, filename: str = "", kind: str = "auto", vocabulary: Vocabulary | None = None
) -> PracticeRecord:
    """Read, detect and parse one document. Raises only ``ImporterError`` (with a one-line reason)."""
    global _default_vocabulary
    if vocabulary is None:
        if _default_vocabulary is None:
            _default_vocabulary = Vocabulary.default()
        vocabulary = _default_vocabulary
    if kind != "auto" and kind not in PARSERS:
        raise UnknownFormat(f"unknown source kind {kind!r}; known: auto, {', '.join(PARSERS)}")
    try:
        document = read_document(raw)
        text = document.text
        check_prose(text)
        if kind == "auto":
            kind, _score = detect_kind(f"{document.html_title}\n{text[:MAX_ANALYSED_CHARS]}")
        record = PARSERS[kind].parse(text[:MAX_ANALYSED_CHARS], vocabulary=vocabulary)
    except ImporterError:
        raise
    except RecursionError as exc:
        raise ParserCrash("document nested too deeply to read") from exc
    except Exception as exc:  # a reader or parser bug must fail this file only, with a reason
        raise ParserCrash(f"parser {kind} failed: {type(exc).__name__}: {exc}") from exc
    if len(text) > MAX_ANALYSED_CHARS:
        record.warnings.append(f"only the first {MAX_ANALYSED_CHARS:,} characters were read")
    if not (record.title or record.description):
        raise NoContent("no content: no title and no text found after cleaning")
    raw_bytes = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    for source in record.sources:
        source.file = source.file or filename
        source.url = source.url or document.url
        source.title = source.title or document.html_title
        source.raw_text = text
        source.sha256 = hashlib.sha256(raw_bytes).hexdigest()
    if document.heading and not _same_title(record.title, document.heading):
        record.warnings.append(f"title from the page's main heading, not from {record.title!r}")
        record.title = _ILO_PLACE.sub("", document.heading) if kind == "ilo" else document.heading
    if not record.title and document.html_title:
        record.title = document.html_title
    attach_evidence(record, clean(text[:MAX_ANALYSED_CHARS]).text, title_from_heading=bool(document.heading))
    record.warnings[:0] = document.warnings
    return record
