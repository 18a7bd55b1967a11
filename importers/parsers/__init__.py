"""The one registry of source kinds. A new source kind is a new module here and one line in ``PARSERS``.

Each parser module exposes ``KIND``, ``detect(text) -> float`` (0..1, from the format's markers) and
``parse(text, *, vocabulary) -> PracticeRecord``.
"""

from __future__ import annotations

import hashlib
from types import ModuleType

from importers.errors import ImporterError, NoContent, ParserCrash, UnknownFormat
from importers.parsers import cities_of_migration, equal, generic, ilo, iq_good_practice
from importers.reading import read_document
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord

PARSERS: dict[str, ModuleType] = {
    ilo.KIND: ilo,
    cities_of_migration.KIND: cities_of_migration,
    equal.KIND: equal,
    iq_good_practice.KIND: iq_good_practice,
    generic.KIND: generic,
}
FALLBACK = generic.KIND
MIN_DETECTION = 0.3
_default_vocabulary: Vocabulary | None = None


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
    document = read_document(raw)
    text = document.text
    try:
        if kind == "auto":
            kind, _score = detect_kind(text)
        record = PARSERS[kind].parse(text, vocabulary=vocabulary)
    except ImporterError:
        raise
    except Exception as exc:  # a parser bug must fail this file only, with a reason
        raise ParserCrash(f"parser {kind} failed: {type(exc).__name__}: {exc}") from exc
    if not (record.title or record.description):
        raise NoContent("no content: no title and no text found after cleaning")
    raw_bytes = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    for source in record.sources:
        source.file = source.file or filename
        source.url = source.url or document.url
        source.title = source.title or document.html_title
        source.raw_text = text
        source.sha256 = hashlib.sha256(raw_bytes).hexdigest()
    if not record.title and document.html_title:
        record.title = document.html_title
    record.warnings[:0] = document.warnings
    return record
