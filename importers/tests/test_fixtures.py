"""Each fixture document parses to its expected record (``NAME.expected.json`` next to it)."""

from __future__ import annotations

import json
import pathlib

import pytest

from importers.parsers import detect_kind, parse_document
from importers.reading import read_document
from importers.tests.conftest import FIXTURES
from importers.tests.expected import compare, summarise

DOCUMENTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))


def _expected_path(path: pathlib.Path) -> pathlib.Path:
    stem = path.stem if path.suffix == ".txt" else path.name
    return path.parent / f"{stem}.expected.json"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_fixture_matches_expected_record(path, vocabulary):
    record = parse_document(path.read_bytes(), filename=path.name, vocabulary=vocabulary)
    expected = json.loads(_expected_path(path).read_text(encoding="utf-8"))
    assert compare(summarise(record), expected) == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("ilo_bridge_to_work.txt", "ilo"),
        ("ilo_bridge_to_work.html", "ilo"),
        ("com_bridge_mentors.txt", "cities_of_migration"),
        ("com_bridge_mentors.html", "cities_of_migration"),
        ("equal_kompass.txt", "equal"),
        ("equal_kompass.html", "equal"),
        ("iq_mentoring_circles.txt", "iq_good_practice"),
        ("iq_sprachcafe_de.txt", "iq_good_practice"),
        ("unknown_blog.html", "generic"),
    ],
)
def test_detection(name, kind):
    text = read_document((FIXTURES / name).read_bytes()).text
    assert detect_kind(text)[0] == kind


@pytest.mark.parametrize("name", ["com_bridge_mentors.txt", "com_bridge_mentors.html"])
def test_sidebar_of_other_practices_never_leaks(name):
    record = parse_document((FIXTURES / name).read_bytes(), filename=name)
    dumped = json.dumps(record.to_json_dict(), ensure_ascii=False)
    for other in ("Vancouver", "Kitchen Jobs", "Pacific Catering", "Lyon", "Language Cafés", "Canada", "France"):
        assert other not in dumped


def test_every_fixture_has_an_expected_record():
    assert all(_expected_path(p).exists() for p in DOCUMENTS)
    assert {p.suffix for p in DOCUMENTS} == {".txt", ".html"}


@pytest.mark.parametrize("stem", ["ilo_bridge_to_work", "com_bridge_mentors", "equal_kompass"])
def test_html_and_text_of_one_page_agree_on_the_facts(stem):
    text = parse_document((FIXTURES / f"{stem}.txt").read_bytes())
    html = parse_document((FIXTURES / f"{stem}.html").read_bytes())
    assert (text.title, text.short_name, text.start_year) == (html.title, html.short_name, html.start_year)
    assert text.places == html.places
    assert set(html.funders) <= set(text.funders)


def test_generic_fallback_is_low_confidence_with_a_warning():
    record = parse_document((FIXTURES / "unknown_blog.html").read_bytes(), filename="unknown_blog.html")
    assert record.source_kind == "generic"
    assert record.confidence <= 0.35
    assert "unknown format: parsed generically" in record.warnings
    known = parse_document((FIXTURES / "ilo_bridge_to_work.txt").read_bytes())
    assert known.confidence > record.confidence


def test_forced_kind_overrides_detection():
    record = parse_document((FIXTURES / "ilo_bridge_to_work.txt").read_bytes(), kind="generic")
    assert record.source_kind == "generic"


def test_json_output_omits_raw_text_but_keeps_hash():
    record = parse_document((FIXTURES / "equal_kompass.txt").read_bytes(), filename="equal_kompass.txt")
    source = record.to_json_dict()["sources"][0]
    assert "raw_text" not in source
    assert len(source["sha256"]) == 64
    assert source["file"] == "equal_kompass.txt"
    assert record.sources[0].raw_text


def test_german_iq_sheet(vocabulary):
    record = parse_document((FIXTURES / "iq_sprachcafe_de.txt").read_bytes(), vocabulary=vocabulary)
    assert record.language == "de"
    assert record.interview is not None and record.interview.person == "Aylin Şahin"
    assert "Ausbildung" in record.results
    assert record.challenge.startswith("Viele geflüchtete Frauen")
