"""Vocabularies and region names are data: a YAML file loaded by an idempotent command."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from practices.models import OrganisationType, TargetGroup, Theme, TransferAudience
from practices.vocabularies import VOCABULARIES, region_name

pytestmark = pytest.mark.django_db

MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "0002_seed_vocabularies.py"


def _load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_vocabularies", *args, stdout=out)
    return out.getvalue()


def test_the_seed_migration_imports_no_live_code():
    source = MIGRATION.read_text()
    assert "practices.vocabularies" not in source
    assert "RunPython.noop" in source


def test_every_term_of_the_data_file_is_loaded_in_english_and_german():
    english, german = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="de")
    for model, name in (
        (Theme, "themes"),
        (TargetGroup, "target_groups"),
        (TransferAudience, "transfer_audiences"),
        (OrganisationType, "organisation_types"),
    ):
        for term in VOCABULARIES[name]:
            source = model.objects.get(slug=term.slug, locale=english)
            assert source.name == term.en
            assert source.get_translation(german).name == term.de


def test_loading_again_changes_nothing_and_keeps_an_editors_label():
    theme = Theme.objects.get(slug="mentoring", locale__language_code="de")
    theme.name = "Mentoring (Patenschaften)"
    theme.save()
    assert "0 terms created, 0 translations created, 0 updated" in _load()
    theme.refresh_from_db()
    assert theme.name == "Mentoring (Patenschaften)"
    _load("--update")
    theme.refresh_from_db()
    assert theme.name == "Mentoring"


def test_a_missing_term_is_created_with_its_translation():
    Theme.objects.filter(slug="mentoring").delete()
    assert "1 terms created, 1 translations created" in _load()
    assert Theme.objects.filter(slug="mentoring").count() == 2


def test_region_names_per_language():
    assert region_name("Bavaria", "de") == "Bayern"
    assert region_name("Lower Saxony", "de") == "Niedersachsen"
    assert region_name("Bavaria", "en") == "Bavaria"
    assert region_name("Somewhere Else", "de") == "Somewhere Else"
