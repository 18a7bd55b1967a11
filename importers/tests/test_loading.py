"""Loading parsed records into Wagtail: drafts, provenance, idempotency, conflicts, merging, translations."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.management import call_command
from wagtail.models import Locale, WorkflowState

from importers.models import ImportRecord
from practices.models import Organisation, PracticePage
from practices.tests.factories import OrganisationFactory

from .conftest import FIXTURES, SEEDS

pytestmark = pytest.mark.django_db


def run(*args, expect_exit: int = 0) -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_practices", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    assert code == expect_exit, err.getvalue()
    return out.getvalue(), err.getvalue()


def summary(out: str) -> str:
    return out.strip().splitlines()[-1]


@pytest.fixture
def ilo_file(tmp_path):
    path = tmp_path / "ilo_bridge_to_work.txt"
    shutil.copy(FIXTURES / "ilo_bridge_to_work.txt", path)
    return path


def test_dry_run_json_is_one_object_per_practice_and_writes_nothing(site_tree):
    out, _ = run(
        FIXTURES / "com_bridge_mentors.txt", FIXTURES / "com_bridge_mentors.html", "--dry-run", "--format", "json"
    )
    practices = json.loads(out)
    assert len(practices) == 1
    practice = practices[0]
    for key in (
        "title", "short_name", "summary", "source_kind", "sources", "places", "start_year", "end_year",
        "organisations", "funders", "programmes", "target_groups", "themes", "transfer_audiences", "contacts",
        "replicated_in", "awards", "outcomes", "lessons", "confidence", "warnings",
    ):  # fmt: skip
        assert key in practice, key
    assert {s["file"].rsplit(".", 1)[1] for s in practice["sources"]} == {"txt", "html"}
    assert not PracticePage.objects.exists() or not PracticePage.objects.filter(title=practice["title"]).exists()
    assert not ImportRecord.objects.exists()


def test_import_creates_a_draft_submitted_for_moderation_with_provenance(site_tree, ilo_file):
    out, _ = run(ilo_file)
    assert summary(out) == "created 1, updated 0, merged 0, unchanged 0, failed 0"
    page = PracticePage.objects.get(title="Bridge to Work Programme")
    assert not page.live and page.get_parent().specific == site_tree.index
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    source = page.sources.get()
    assert source.kind == "ilo" and source.raw_text and len(source.sha256) == 64
    assert source.file_name.endswith("ilo_bridge_to_work.txt")
    assert page.places.filter(city="Kassel", country="DE").exists()
    assert not page.contacts.filter(publish=True).exists()
    record = ImportRecord.objects.get(page=page)
    assert record.revision_id == page.latest_revision_id and record.status == "created"


def test_organisations_are_reused_by_normalised_name(site_tree, ilo_file):
    OrganisationFactory(name="Caritas Kassel")
    run(ilo_file)
    assert Organisation.objects.filter(name__icontains="Caritas Kassel").count() == 1


def test_importing_the_same_file_again_changes_nothing(site_tree, ilo_file):
    run(ilo_file)
    page = PracticePage.objects.get(title="Bridge to Work Programme")
    revisions = page.revisions.count()
    out, _ = run(ilo_file)
    assert summary(out) == "created 0, updated 0, merged 0, unchanged 1, failed 0"
    assert page.revisions.count() == revisions
    assert PracticePage.objects.filter(title="Bridge to Work Programme").count() == 1


def test_a_changed_source_creates_a_new_draft_revision(site_tree, ilo_file):
    run(ilo_file)
    page = PracticePage.objects.get(title="Bridge to Work Programme")
    first_revision = page.latest_revision_id
    ilo_file.write_text(ilo_file.read_text(encoding="utf-8").replace("Kassel", "Kassel and Fulda", 1), encoding="utf-8")
    out, _ = run(ilo_file)
    assert summary(out) == "created 0, updated 1, merged 0, unchanged 0, failed 0"
    page.refresh_from_db()
    assert page.latest_revision_id != first_revision
    draft = page.get_latest_revision_as_object()
    assert "Fulda" in draft.sources.all()[0].raw_text
    assert PracticePage.objects.filter(title="Bridge to Work Programme").count() == 1


def test_an_editors_revision_is_never_overwritten_by_a_changed_source(site_tree, ilo_file, admin_user):
    run(ilo_file)
    page = PracticePage.objects.get(title="Bridge to Work Programme")
    edited = page.get_latest_revision_as_object()
    edited.summary = "Summary rewritten by an editor."
    editor_revision = edited.save_revision(user=admin_user)
    ilo_file.write_text(ilo_file.read_text(encoding="utf-8") + "\n\nA new paragraph.\n", encoding="utf-8")
    out, _ = run(ilo_file)
    assert summary(out) == "created 0, updated 0, merged 0, unchanged 0, failed 0"
    assert "conflict" in out and "was edited after the last import" in out
    page.refresh_from_db()
    assert page.latest_revision_id == editor_revision.pk
    assert page.get_latest_revision_as_object().summary == "Summary rewritten by an editor."


def test_publish_option_publishes(site_tree, ilo_file):
    run(ilo_file, "--publish")
    assert PracticePage.objects.get(title="Bridge to Work Programme").live


def test_bad_files_are_reported_one_line_each_and_the_others_still_load(site_tree, tmp_path, ilo_file):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    too_big = tmp_path / "huge.txt"
    too_big.write_bytes(b"word " * 500_000)
    out, err = run(empty, binary, too_big, ilo_file, ilo_file, expect_exit=1)
    lines = err.strip().splitlines()
    assert len(lines) == 4, lines
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert any("scan.txt" in line and "binary" in line for line in lines)
    assert any("huge.txt" in line and "too large" in line for line in lines)
    assert any("given twice" in line for line in lines)
    assert summary(out) == "created 1, updated 0, merged 0, unchanged 0, failed 4"


def test_legacy_encoding_is_decoded(site_tree, tmp_path):
    text = (FIXTURES / "iq_sprachcafe_de.txt").read_text(encoding="utf-8")
    legacy = tmp_path / "sprachcafe_cp1252.txt"
    legacy.write_bytes(text.encode("cp1252", errors="replace"))
    out, _ = run(legacy, "--dry-run", "--format", "json")
    record = json.loads(out)[0]
    assert any("cp1252" in w or "1252" in w or "latin" in w.lower() for w in record["warnings"]) or "ü" in out


def test_seeds_001_and_003_become_one_practice_with_two_sources(site_tree):
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    out, _ = run(SEEDS / "001_7e53bf5dd798d21d.txt", SEEDS / "003_304e30585315c8ec.txt")
    assert summary(out) == "created 1, updated 0, merged 0, unchanged 0, failed 0"
    page = PracticePage.objects.get()
    assert sorted(page.sources.values_list("kind", flat=True)) == ["cities_of_migration", "equal"]
    assert page.places.filter(city="Augsburg", region="Bavaria").exists()
    assert {c.name for c in page.contacts.all()} >= {"Martina Früchtl", "Anne Güller-Frey"}
    assert page.awards.filter(year=2013).exists() and page.start_year != 2013


def test_german_import_becomes_the_translation_of_the_english_practice(site_tree):
    run(FIXTURES / "iq_mentoring_circles.txt")
    english = PracticePage.objects.get(locale__language_code="en", title="Engineers meet engineers")
    out, _ = run(FIXTURES / "iq_mentoring_circles_de.txt", "--locale", "de")
    assert "translation (de)" in out, out
    german = PracticePage.objects.get(locale__language_code="de", translation_key=english.translation_key)
    draft = german.get_latest_revision_as_object()
    assert draft.title == "Ingenieure treffen Ingenieure"
    assert "Ausgangslage" not in draft.challenge and "Anerkennung" in draft.challenge
    assert PracticePage.objects.filter(locale=Locale.get_default()).count() == 1


def test_the_imported_translation_is_managed_by_wagtail_localize(site_tree):
    from wagtail_localize.models import Translation

    run(FIXTURES / "iq_mentoring_circles.txt")
    run(FIXTURES / "iq_mentoring_circles_de.txt", "--locale", "de")
    english = PracticePage.objects.get(locale__language_code="en", title="Engineers meet engineers")
    translation = Translation.objects.get(source__object_id=english.translation_key, target_locale__language_code="de")
    assert translation.get_target_instance().specific.get_latest_revision_as_object().title == (
        "Ingenieure treffen Ingenieure"
    )
    out, _ = run(FIXTURES / "iq_mentoring_circles_de.txt", "--locale", "de")
    assert summary(out) == "created 0, updated 0, merged 0, unchanged 1, failed 0"
