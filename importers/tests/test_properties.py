"""Arbitrary text, bytes and HTML-ish input: the only exception allowed out is ImporterError, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importers.errors import ImporterError, ParserCrash
from importers.parsers import PARSERS, parse_document
from importers.vocabulary import Vocabulary
from practices.records import PracticeRecord

VOCABULARY = Vocabulary.default()
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WORDS = st.sampled_from(
    ["Contact", "Kontakt", "Tel.:", "+49 (0)30 1234-5", "funded by", "the European Social Fund", "since 2008",
     "In 2010,", "City of Kassel", "Making it Work for You:", "Recent Good Ideas", "IQ GOOD PRACTICE",
     "Addressees for transfer:", "Implementing organisation:", "\n\n", "sta-\n\ntus", "[x](#)", "¹ ABC stands for",
     "Berlin", "Germany", "e.V.", "(at)", "Three questions to Ann Lee", "“quoted words here, many of them”", ",",
     "D-10115 Berlin", "replicated in", "won the Big Prize 2013", "last updated on 01.02.2003", "> a > b", "•"]
)  # fmt: skip
_TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div class='sidebar'>",
        "</div>",
        "<h1>",
        "</h1>",
        "<br>",
        "<li>",
        "<script>",
        "</script>",
        "<html>",
        "<body>",
        "<!--",
        "-->",
        "<a href='#'>",
        "</a>",
        "&amp;",
    ]
)


def _parse(raw, kind="auto"):
    try:
        record = parse_document(raw, filename="x", kind=kind, vocabulary=VOCABULARY)
    except ParserCrash:
        raise
    except ImporterError:
        return None
    assert isinstance(record, PracticeRecord)
    assert 0.0 <= record.confidence <= 1.0
    record.to_json_dict()
    return record


@SETTINGS
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    _parse(text)


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(raw):
    _parse(raw)


@SETTINGS
@given(st.lists(st.one_of(_WORDS, _TAGS, st.text(max_size=30)), max_size=80).map(" ".join))
def test_html_ish_and_marker_soup(text):
    _parse(text)


@SETTINGS
@given(st.lists(st.one_of(_WORDS, st.text(max_size=20)), max_size=60).map("\n".join),
       st.sampled_from(sorted(PARSERS)))  # fmt: skip
def test_every_parser_on_marker_soup(text, kind):
    _parse(text, kind=kind)
