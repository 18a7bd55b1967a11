"""German search on the database backend: case- and diacritic-insensitive, German word forms on PostgreSQL."""

import pytest
from django.db import connection
from wagtail.models import Locale

from practices.localize import translate_page
from practices.models import PracticePage, PracticePlace
from practices.tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def german():
    return Locale.objects.get(language_code="de")


@pytest.fixture
def practices(site_tree, german):
    munich = PracticePageFactory(
        parent=site_tree.index,
        title="Skills passport",
        summary="Newcomers document their skills for employers.",
        challenge="<p>Skills acquired abroad were invisible.</p>",
    )
    munich.places.all().delete()
    PracticePlace.objects.create(page=munich, city="München", region="Bavaria", country="DE")
    munich.save_revision().publish()

    def write(page):
        page.title = "Kompetenzpass"
        page.summary = "Zugewanderte dokumentieren ihre Kompetenzen für Arbeitgeber."
        page.challenge = "<p>Die Qualifizierung im Ausland blieb unsichtbar; Abschlüsse wurden nicht anerkannt.</p>"

    munich_de, _ = translate_page(munich, german, write)
    other = PracticePageFactory(parent=site_tree.index, title="Job fair", summary="Employers meet refugees.")
    translate_page(other, german, lambda page: setattr(page, "title", "Jobmesse"))
    return munich, munich_de


def _german_search(query: str) -> list[str]:
    german = Locale.objects.get(language_code="de")
    return [page.title for page in PracticePage.objects.live().filter(locale=german).search(query)]


def test_search_ignores_case(practices):
    assert _german_search("kompetenzpass") == ["Kompetenzpass"]
    assert _german_search("KOMPETENZPASS") == ["Kompetenzpass"]


def test_search_ignores_diacritics(practices):
    assert _german_search("München") == ["Kompetenzpass"]
    assert _german_search("Munchen") == ["Kompetenzpass"]
    assert _german_search("munchen") == ["Kompetenzpass"]


def test_search_finds_lower_case_german_nouns(practices):
    assert _german_search("qualifizierung") == ["Kompetenzpass"]


def test_search_stays_in_the_language_asked_for(practices):
    english = Locale.objects.get(language_code="en")
    titles = [page.title for page in PracticePage.objects.live().filter(locale=english).search("München")]
    assert titles == ["Skills passport"]


@pytest.mark.postgres
def test_german_word_forms_on_postgresql(practices):
    if connection.vendor != "postgresql":
        pytest.skip(
            "Wagtail's own (admin) index stems German only on PostgreSQL; the practice search stems German "
            "on every backend (search/tests/test_matching.py)"
        )
    assert _german_search("Kompetenz") == ["Kompetenzpass"]
    assert _german_search("Qualifizierungen") == ["Kompetenzpass"]  # the text says "Qualifizierung"
    assert _german_search("Arbeitgebern") == ["Kompetenzpass"]
    # English pages keep English stemming: "employer" finds "employers", German forms do not leak in.
    english = Locale.objects.get(language_code="en")
    titles = {page.title for page in PracticePage.objects.live().filter(locale=english).search("employer")}
    assert titles == {"Skills passport", "Job fair"}
