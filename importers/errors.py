"""The importers' own errors: every failure to read or parse one document is an ``ImporterError``."""

from __future__ import annotations

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
"""Largest document accepted (2 MiB): real pages and extracted PDFs are far smaller."""


class ImporterError(Exception):
    """A document could not be imported; the message says why, for one line of an error report."""


class EmptyDocument(ImporterError):
    pass


class BinaryDocument(ImporterError):
    pass


class TooLarge(ImporterError):
    pass


class NoContent(ImporterError):
    """The document decoded, but holds no text once markup and site chrome are removed."""


class NotAPractice(ImporterError):
    """The document decoded to text, but the text is not prose (random characters, a data dump)."""


class UnknownFormat(ImporterError):
    """A source kind was asked for that no parser handles."""


class ParserCrash(ImporterError):
    """A parser raised an unexpected exception: a bug, reported per file instead of stopping a run."""
