"""Bad input: each case fails with its own ImporterError, or is read (cp1252) rather than refused."""

from __future__ import annotations

import pytest

from importers.errors import (
    MAX_DOCUMENT_BYTES,
    BinaryDocument,
    EmptyDocument,
    ImporterError,
    NoContent,
    TooLarge,
    UnknownFormat,
)
from importers.parsers import parse_document
from importers.tests.conftest import FIXTURES


@pytest.mark.parametrize("raw", [b"", "", b"   \n\n  ", "\n\t\n"])
def test_empty(raw):
    with pytest.raises(EmptyDocument):
        parse_document(raw, filename="empty.txt")


@pytest.mark.parametrize(
    "raw", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, b"%PDF-1.7\n%\xe2\xe3", b"ab\x00cd" * 50]
)
def test_binary(raw):
    with pytest.raises(BinaryDocument):
        parse_document(raw, filename="file.bin")


def test_too_large():
    raw = b"Lorem ipsum dolor sit amet. " * (MAX_DOCUMENT_BYTES // 28 + 10)
    with pytest.raises(TooLarge, match="2 MiB"):
        parse_document(raw, filename="big.txt")


@pytest.mark.parametrize(
    "raw",
    [
        b"<html><head><title></title><script>var a = 1;</script></head><body><nav>Menu</nav></body></html>",
        b"<!DOCTYPE html><html><body><div class='sidebar'>Recent</div><footer>(c)</footer></body></html>",
    ],
)
def test_html_without_content(raw):
    with pytest.raises(NoContent):
        parse_document(raw, filename="empty.html")


def test_cp1252_is_decoded_not_refused():
    text = (FIXTURES / "iq_sprachcafe_de.txt").read_text(encoding="utf-8").replace("Ş", "S")
    record = parse_document(text.encode("cp1252"), filename="legacy.txt")
    assert record.title == "Deutsch lernen, wo gearbeitet wird"
    assert record.contacts[0].name == "Sabine Krüger"
    assert any("cp1252" in w for w in record.warnings)


def test_latin1_quotes_and_umlauts():
    raw = "Gefördert durch den Europäischen Sozialfonds – „Vielfalt“ in Köln".encode("cp1252")
    record = parse_document(raw, filename="x.txt")
    assert "Gefördert" in record.sources[0].raw_text


def test_unknown_source_kind_is_refused():
    with pytest.raises(UnknownFormat):
        parse_document(b"Some text about a project.", kind="ewsi-v9")


def test_unknown_format_falls_back_to_generic():
    raw = b"Job fair for newcomers\n\nA town hall invited employers and newly arrived refugees to a job fair."
    record = parse_document(raw, filename="note.txt")
    assert record.source_kind == "generic"
    assert record.confidence < 0.4
    assert "unknown format: parsed generically" in record.warnings


def test_all_errors_are_importer_errors():
    for cls in (EmptyDocument, BinaryDocument, TooLarge, NoContent, UnknownFormat):
        assert issubclass(cls, ImporterError)
