"""Layout-general reading: labelled fields, contact lines, organisations in running text, years, hostile files."""

from __future__ import annotations

import contextlib

import pytest

from importers.errors import ImporterError, NotAPractice
from importers.extract import dates, fields, organisations
from importers.parsers import parse_document


def test_labelled_fields_in_every_form():
    text = (
        "Start date: March 2004\nEnd date\n\nType of practice\nProject\nLaufzeit: 2015 bis 2018\n"
        "Partners:\nCity of Bonn\nExample e.V.\n\nResults\n\nThe project trained 40 people in a year of work."
    )
    found = {(f.key, f.value) for f in fields.read_fields(text)}
    assert ("start", "March 2004") in found
    assert ("end", "") in found  # a label without a value takes nothing from the next field
    assert ("period", "2015 bis 2018") in found
    assert ("partners", "City of Bonn\nExample e.V.") in found
    assert not any(key == "theme" and value.startswith("The project") for key, value in found)


@pytest.mark.parametrize(
    ("value", "years"),
    [("from 2005 to 2009", (2005, 2009)), ("01.07.2005 - 31.12.2007", (2005, 2007)), ("2019 - ongoing", (2019, None))],
)
def test_years_from_a_period_field(value, years):
    assert dates.field_years([fields.Field("period", "Duration", value, "")]) == years


def test_a_contact_line_gives_a_contact_never_an_organisation():
    line = "Contact: Jana Krüger, Project coordinator, Arbeit und Leben e.V., krueger@example.org, +49 361 565 73 0"
    record = parse_document(f"Job fairs for newcomers\n\nThe project links newcomers and firms in Erfurt.\n\n{line}")
    contact = record.contacts[0]
    assert (contact.name, contact.function, contact.email) == (
        "Jana Krüger",
        "Project coordinator",
        "krueger@example.org",
    )
    assert contact.organisation == "Arbeit und Leben e.V." and contact.phone == "+49 361 565 73 0"
    assert all("@" not in o.name and "Krüger" not in o.name for o in record.organisations)


def test_organisations_in_running_text_with_acronyms_and_roles():
    sentence = (
        "It was run by the Trades Union Congress (TUC) together with UNISON branches in Leeds, "
        "and was financed by the Union Learning Fund."
    )
    found = {
        (o.name, o.short_name, o.role) for o in organisations.from_sentence(sentence) + organisations.named_in(sentence)
    }
    assert ("Trades Union Congress", "TUC", "implementing") in found
    assert ("Union Learning Fund", "", "funder") in found
    assert not any(name == "Leeds" for name, _, _ in found)
    german = organisations.from_sentence("Das Projekt wird gefördert durch die Stiftung Mercator und die RAG-Stiftung.")
    assert [(o.name, o.role) for o in german] == [("Stiftung Mercator", "funder"), ("RAG-Stiftung", "funder")]


def test_no_country_from_an_email_domain_or_a_country_of_origin():
    text = (
        "Skills for newcomers\n\nRefugees from Syria and Afghanistan learn a trade in a workshop of the town.\n\n"
        "Contact: Omar Example, omar@example.org.uk"
    )
    record = parse_document(text)
    assert {p.country for p in record.places} <= {""}


def test_publication_dates_are_not_start_years():
    text = (
        "Published 7 March 2019\n\nJob coaches for refugees\n\nThe city gives every refugee a job coach. "
        "In 2018 about 400 refugees took part."
    )
    assert parse_document(text).start_year is None


def test_evidence_keeps_the_sentence_and_marks_uncertain_facts():
    text = (
        "Job coaches in Ghent\n\n"
        "Since 2016 the City of Ghent has run a job coaching scheme for refugees in Ghent, Belgium."
    )
    record = parse_document(text)
    by_fact = {(e.fact, e.value): e for e in record.evidence}
    start = by_fact[("start_year", "2016")]
    assert "Since 2016" in start.snippet and not start.uncertain
    assert all(0 <= e.confidence <= 1 for e in record.evidence)


def test_printable_garbage_is_not_a_practice():
    garbage = bytes(33 + (i * 7919) % 94 if i % 9 else 32 for i in range(20000))
    with pytest.raises(NotAPractice):
        parse_document(garbage, filename="garbage.txt")


def test_deep_nesting_fails_nothing_and_reads_the_text():
    for depth in (1200, 100_000):
        html = "<html><body>" + "<div>" * depth + "Training for newcomers in the city" + "</div>" * depth
        record = parse_document(html.encode() + b"</body></html>", filename="deep.html")
        assert "Training for newcomers" in record.title


def test_many_distinct_paragraphs_are_all_kept():
    paragraphs = [
        f"Paragraph {i}: the project trained {i} newcomers with Partner {i} in the city of Bonn." for i in range(3000)
    ]
    from importers.cleaning import clean

    assert clean("\n\n".join(paragraphs)).text.count("Paragraph ") == 3000


def test_one_bad_file_fails_alone():
    from importers.documents import parse_files
    from importers.vocabulary import Vocabulary

    good = b"Job fair\n\nThe city of Bonn invited employers and refugees to a job fair in 2015."
    files = [("bad.html", b"<html><body>" + b"<div>" * 5000), ("null.txt", b"a\x00b" * 10), ("good.txt", good)]
    records, failures = parse_files(files, kind="auto", vocabulary=Vocabulary.default())
    assert [r.sources[0].file for r in records] == ["good.txt"]
    assert {f.name for f in failures} == {"bad.html", "null.txt"}
    assert all(isinstance(f.message, str) and "\n" not in f.message for f in failures)


def test_parse_document_raises_only_importer_errors():
    for raw in (b"<html>" + b"<b>" * 3000, b"<<<>>>" * 1000, "Ä".encode("utf-16"), b"\xff" * 500):
        with contextlib.suppress(ImporterError):
            parse_document(raw)
