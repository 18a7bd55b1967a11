"""Unit checks of the cleaning and extraction helpers on small made-up snippets."""

from __future__ import annotations

import pytest

from importers.cleaning import clean
from importers.extract import contacts, places
from importers.extract.organisations import from_sentence
from importers.reading import read_document


def test_hyphenation_across_page_breaks_is_joined_but_compounds_stay():
    text = clean(
        "The legal sta-\n\ntus matters.\n\nFull transparen-\n\n\n\ncy helps. Many EU-\nBürger and EU-Bürger work."
    ).text
    assert "status" in text and "transparency" in text
    assert text.count("EU-Bürger") == 2


def test_link_stubs_chrome_and_repeats_are_removed():
    raw = (
        "Home > Projects > Example\n\nSite map | Contact us\n\nShare\n\nA [toolkit](#) for [job centres](http://x.y).\n\n"
        "A long paragraph about the practice that appears twice in the extracted text.\n\n"
        "A long paragraph about the practice that appears twice in the extracted text.\n\n© 2020 Publisher"
    )
    cleaned = clean(raw)
    assert "A toolkit for job centres." in cleaned.text
    assert cleaned.text.count("appears twice") == 1
    for chrome in ("Site map", "Share", "©", "Home >"):
        assert chrome not in cleaned.text


def test_sidebar_is_cut_until_a_clear_next_section():
    cleaned = clean("Body text.\n\nRelated practices\n\nOther idea in Lyon\n\nContact\n\nJane Roe")
    assert "Lyon" not in cleaned.text
    assert "Jane Roe" in cleaned.text


@pytest.mark.parametrize(
    ("raw", "email"),
    [
        ("write to max.muster (at) beispiel.de", "max.muster@beispiel.de"),
        ("jane[at]example[dot]org", "jane@example.org"),
        ("E-Mail: Info@Example.DE", "info@example.de"),
    ],
)
def test_emails_including_obfuscated(raw, email):
    assert contacts.find_emails(raw) == [email]


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("Tel.: + 49 (0) 821 90799-0", "+49 (0)821 90799-0"),
        ("Tel. 0821 / 907 99 - 12", "0821 / 907 99-12"),
        ("Phone: +44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_phone_formats(raw, phone):
    assert contacts.find_phones(raw) == [phone]


@pytest.mark.parametrize(
    ("name", "region"),
    [("Köln", "North Rhine-Westphalia"), ("Cologne", "North Rhine-Westphalia"), ("München", "Bavaria"),
     ("Hanover", "Lower Saxony"), ("Meißen", "Saxony")],
)  # fmt: skip
def test_german_city_spellings_resolve_to_english_region(name, region):
    city = places.lookup_city(name, "DE")
    assert city is not None and places.city_region(city) == region


def test_regions_in_german_and_english():
    assert set(places.find_regions("Projekte in Niedersachsen und in Bavaria", "DE")) == {"Bavaria", "Lower Saxony"}
    assert places.find_regions("Lower Saxony", "DE") == ["Lower Saxony"]


def test_german_role_cues():
    orgs = from_sentence("Das Projekt wird gefördert durch das Bundesministerium für Arbeit und Soziales (BMAS).")
    assert [(o.short_name, o.role) for o in orgs] == [("BMAS", "funder")]
    orgs = from_sentence("Es arbeitet in Kooperation mit der Caritas Köln und dem Jobcenter Köln.")
    assert {(o.name, o.role) for o in orgs} == {("Caritas Köln", "partner"), ("Jobcenter Köln", "partner")}


def test_utf16_with_bom_is_read():
    assert "Straße" in read_document("Eine Straße in Köln.".encode("utf-16")).text
