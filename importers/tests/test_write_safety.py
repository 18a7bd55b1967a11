"""An import never overwrites an editor's work, matches only on evidence an editor can see, and stores only
http(s) addresses and organisation names without contact data (issue 11, the write path)."""

from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from importers.models import ImportRecord
from practices.models import PracticePage

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db
TITLE = "Bridge to Work Programme"
JAVASCRIPT = "javascript:alert(document.domain)//http://example.org/"


def run(*paths, publish: bool = False) -> str:
    out = StringIO()
    call_command("import_practices", *map(str, paths), *(["--publish"] if publish else []), stdout=out, stderr=out)
    return out.getvalue()


def status(out: str) -> str:
    return next(line.split(":", 1)[0] for line in out.splitlines() if ":" in line and not line.startswith(" "))


def change(path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n\n{text}\n", encoding="utf-8")


@pytest.fixture
def a_txt(tmp_path):
    path = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "ilo_bridge_to_work.txt", path)
    return path


@pytest.fixture
def b_html(tmp_path):
    """A second source of the same practice (another file, another format)."""
    path = tmp_path / "b.html"
    shutil.copy(FIXTURES / "ilo_bridge_to_work.html", path)
    return path


def edit(page: PracticePage, user, **fields) -> None:
    draft = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save_revision(user=user)


def latest(page: PracticePage) -> PracticePage:
    page.refresh_from_db()
    return page.get_latest_revision_as_object()


EDITED = {"summary": "Summary rewritten by an editor.", "approach": "<p>The editor's own account.</p>"}


# (b) An editor's work is never overwritten ----------------------------------------------------------------


def test_an_editors_text_survives_a_second_source_and_every_later_change_of_the_first(
    site_tree, a_txt, b_html, admin_user
):
    assert status(run(a_txt)) == "created"
    page = PracticePage.objects.get(title=TITLE)
    edit(page, admin_user, **EDITED)

    change(a_txt, "A first new paragraph.")
    assert status(run(a_txt)) == "conflict"

    out = run(b_html)
    assert status(out) == "merged", out
    assert PracticePage.objects.filter(title=TITLE).count() == 1
    draft = latest(page)
    assert (draft.summary, draft.approach) == (EDITED["summary"], EDITED["approach"])
    assert draft.sources.count() == 2

    change(a_txt, "A second new paragraph.")
    revision = latest(page).latest_revision_id
    assert status(run(a_txt)) == "conflict"
    page.refresh_from_db()
    assert page.latest_revision_id == revision
    draft = latest(page)
    assert (draft.summary, draft.approach) == (EDITED["summary"], EDITED["approach"])


def test_a_changed_second_source_updates_only_what_it_wrote_itself(site_tree, a_txt, b_html, admin_user):
    run(a_txt)
    page = PracticePage.objects.get(title=TITLE)
    edit(page, admin_user, **EDITED)
    assert status(run(b_html)) == "merged"
    merged_fields = ImportRecord.objects.get(page=page, status="merged").fields
    assert "summary" not in merged_fields and "approach" not in merged_fields

    change(b_html, "<p>The programme now also runs in Fulda.</p>")
    out = run(b_html)
    assert status(out) == "updated", out
    draft = latest(page)
    assert (draft.summary, draft.approach) == (EDITED["summary"], EDITED["approach"])


def test_a_second_source_after_an_edit_since_its_own_import_is_a_conflict(site_tree, a_txt, b_html, admin_user):
    run(a_txt)
    page = PracticePage.objects.get(title=TITLE)
    assert status(run(b_html)) == "merged"
    edit(page, admin_user, summary="Edited after both imports.")
    change(b_html, "<p>Another paragraph.</p>")
    revision = latest(page).latest_revision_id
    assert status(run(b_html)) == "conflict"
    page.refresh_from_db()
    assert page.latest_revision_id == revision
    assert latest(page).summary == "Edited after both imports."


def test_a_merge_fills_gaps_and_never_changes_the_title(site_tree, a_txt, b_html):
    run(a_txt)
    page = PracticePage.objects.get(title=TITLE)
    draft = page.get_latest_revision_as_object()
    draft.results = ""
    draft.save_revision()  # an import-less revision: from now on the page counts as edited
    run(b_html)
    draft = latest(page)
    assert draft.title == TITLE
    assert ImportRecord.objects.filter(page=page, status="merged").exists()


def test_without_edits_a_changed_source_still_updates(site_tree, a_txt, b_html):
    run(a_txt)
    run(b_html)
    change(a_txt, "A new paragraph about Fulda.")
    out = run(a_txt)
    assert status(out) == "updated", out
    page = PracticePage.objects.get(title=TITLE)
    assert any("Fulda" in s.raw_text for s in latest(page).sources.all())


# (c) Matching only by evidence the editor can see ----------------------------------------------------------


def test_a_document_claiming_another_practices_address_is_sent_to_review(site_tree, tmp_path):
    mentors = tmp_path / "mentors.html"
    shutil.copy(FIXTURES / "com_bridge_mentors.html", mentors)
    assert status(run(mentors, publish=True)) == "created"
    victim = PracticePage.objects.get(title="Mentors who open doors")
    revisions = victim.revisions.count()

    impostor = tmp_path / "impostor.html"
    text = (FIXTURES / "ilo_bridge_to_work.html").read_text(encoding="utf-8")
    impostor.write_text(
        text.replace(
            "https://example.org/migrant/gp/bridge-to-work", "https://example.org/good_idea/mentors-who-open-doors/"
        ),
        encoding="utf-8",
    )
    out = run(impostor)
    assert status(out) == "review", out
    victim.refresh_from_db()
    assert victim.title == "Mentors who open doors" and victim.revisions.count() == revisions
    assert latest(victim).title == "Mentors who open doors"
    assert not PracticePage.objects.filter(title=TITLE).exists()


def test_a_change_that_would_rename_the_practice_is_sent_to_review(site_tree, a_txt):
    run(a_txt)
    page = PracticePage.objects.get(title=TITLE)
    a_txt.write_text(a_txt.read_text(encoding="utf-8").replace(TITLE, "Road to Jobs Programme"), encoding="utf-8")
    out = run(a_txt)
    assert status(out) == "review", out
    assert "rename" in out
    assert latest(page).title == TITLE


# (a) Only http(s) addresses --------------------------------------------------------------------------------


def test_a_javascript_canonical_link_is_stored_nowhere_and_rendered_nowhere(site_tree, tmp_path, client, admin_client):
    document = tmp_path / "mentors.html"
    text = (FIXTURES / "com_bridge_mentors.html").read_text(encoding="utf-8")
    document.write_text(
        text.replace('<meta property="og:url" content="https://example.org/good_idea/mentors-who-open-doors/">',
                     f'<link rel="canonical" href="{JAVASCRIPT}">'),
        encoding="utf-8",
    )  # fmt: skip
    out = run(document, publish=True)
    assert status(out) == "created", out
    page = PracticePage.objects.get(title="Mentors who open doors")
    assert [s.url for s in page.sources.all()] == [""]
    assert not ImportRecord.objects.exclude(source_url="").exists()
    assert "not an http(s) address" in out

    public = client.get(page.url).content.decode()
    assert "Mentors who open doors" in public and "javascript:" not in public
    revision = page.latest_revision
    view = admin_client.get(reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]))
    assert view.status_code == 200 and "javascript:" not in view.content.decode()
    preview = page.get_latest_revision_as_object().make_preview_request()
    assert preview.status_code == 200 and "javascript:" not in preview.content.decode()
