"""Editors upload files in the admin, see what was extracted, and confirm to create drafts.

The request only stores the files and enqueues a task (``importers.tasks``); the status page shows the
progress, then the review, then the results. With the immediate backend (tests, development) the task runs
at the commit, so the redirect lands on a finished page; ``queue`` runs the same flow with a queue that
waits for a worker, as ``db_worker`` does in production.
"""

import datetime
import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from importers.models import ImportRecord, PendingImport
from practices.models import PracticePage

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db
CORPUS = FIXTURES.parent / "corpus"
GARBAGE = bytes(33 + (i * 7919) % 94 if i % 9 else 32 for i in range(5000))


@pytest.fixture
def editor(client, site_tree, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the view leaves for after the commit (the enqueue), as a real request's commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def queue():
    """A queue that keeps tasks until the test runs them, as production's database queue and worker do."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        default_task_backend.clear()
        yield default_task_backend


def run_queued(queue) -> int:
    """Be the worker: run every task waiting in the queue once."""
    waiting = list(queue.results)
    queue.clear()
    for result in waiting:
        result.task.call(*result.args, **result.kwargs)
    return len(waiting)


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (FIXTURES / name).read_bytes())


def post_upload(client, commit, files, locale="en"):
    with commit():
        return client.post(reverse("importers_upload"), {"files": files, "source_kind": "auto", "locale": locale})


def test_editor_previews_then_confirms_an_import(client, editor, commit):
    url = reverse("importers_upload")
    assert client.get(url).status_code == 200
    response = post_upload(client, commit, [upload("ilo_bridge_to_work.txt"), upload("empty.txt", b"")])
    pending = PendingImport.objects.get(user=editor)
    assert response.status_code == 302 and response["Location"] == reverse("importers_status", args=[pending.token])
    assert pending.state == PendingImport.State.READY and (pending.files_done, pending.files_total) == (2, 2)

    html = client.get(response["Location"]).content.decode()
    assert "Bridge to Work Programme" in html and "Kassel" in html
    assert "empty.txt" in html and "empty file" in html
    assert 'id="import-confirm"' in html and "Create 1 draft and submit it for moderation" in html
    assert not PracticePage.objects.filter(title="Bridge to Work Programme").exists()

    with commit():
        response = client.post(reverse("importers_confirm", args=[pending.token]))
    assert response.status_code == 302
    page = PracticePage.objects.get(title="Bridge to Work Programme")
    assert not page.live
    assert ImportRecord.objects.get(page=page).imported_by == editor
    html = client.get(response["Location"]).content.decode()
    assert "Import results" in html and "created" in html
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    pending.refresh_from_db()
    assert pending.state == PendingImport.State.DONE and pending.files == []  # the uploaded texts are dropped

    with commit():  # a second click changes nothing
        client.post(reverse("importers_confirm", args=[pending.token]))
    assert ImportRecord.objects.count() == 1


def test_the_queue_shows_progress_before_the_worker_runs_then_the_review(client, editor, commit, queue):
    documents = sorted(p for p in CORPUS.rglob("*") if p.suffix in {".txt", ".html"})[:11]
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in documents]
    files.insert(5, upload("broken.html", b"<div>" * 2000 + GARBAGE))
    response = post_upload(client, commit, files)
    status_url = response["Location"]
    pending = PendingImport.objects.get(user=editor)
    assert pending.state == PendingImport.State.QUEUED and len(queue.results) == 1

    html = client.get(status_url).content.decode()
    assert "Waiting for the background worker to start." in html and "db_worker" in html
    assert re.search(r'<p id="import-progress-text" role="status" aria-live="polite"', html)
    assert '<meta http-equiv="refresh"' in html and "importers/progress.js" in html
    assert client.get(reverse("importers_status_json", args=[pending.token])).json() == {
        "state": "queued", "running": True, "done": 0, "total": 12,
        "text": "Waiting for the background worker to start.",
    }  # fmt: skip

    assert run_queued(queue) == 1
    pending.refresh_from_db()
    assert pending.state == PendingImport.State.READY and (pending.files_done, pending.files_total) == (12, 12)
    assert client.get(reverse("importers_status_json", args=[pending.token])).json()["running"] is False
    html = client.get(status_url).content.decode()
    for document in documents:  # every other file is in the review, each with its checkbox
        assert f'name="include" value="{document.name}"' in html
    assert 'value="broken.html"' not in html
    [failure] = pending.failures
    assert failure["name"] == "broken.html" and "\n" not in failure["message"]
    assert f"<strong>broken.html</strong>: {failure['message']}" in html
    assert "<progress" not in html and '<meta http-equiv="refresh"' not in html

    ticked = [d.name for d in documents[:2]]
    with commit():
        client.post(reverse("importers_confirm", args=[pending.token]), {"review": "1", "include": ticked})
    html = client.get(status_url).content.decode()
    assert "Reading the files" not in html and "Creating the drafts" in html and "0 of 2 files read" in html
    assert not ImportRecord.objects.exists()
    assert run_queued(queue) == 1
    pending.refresh_from_db()
    assert pending.state == PendingImport.State.DONE and pending.drafts_done == pending.drafts_total
    assert sorted(name for result in pending.results for name in result["files"]) == sorted(ticked)
    assert ImportRecord.objects.filter(file_name__in=ticked).count() == 2
    assert "Import results" in client.get(status_url).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the worker takes tasks in its own transaction
def test_with_the_production_queue_the_db_worker_does_the_work(client, editor, commit):
    from django.core.management import call_command

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        response = post_upload(client, commit, [upload("ilo_bridge_to_work.txt"), upload("empty.txt", b"")])
        assert "Waiting for the background worker" in client.get(response["Location"]).content.decode()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        html = client.get(response["Location"]).content.decode()
        assert 'id="import-confirm"' in html and "Kassel" in html and "empty file" in html
        pending = PendingImport.objects.get(user=editor)
        with commit():
            client.post(reverse("importers_confirm", args=[pending.token]))
        assert not PracticePage.objects.filter(title="Bridge to Work Programme").exists()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert "Import results" in client.get(response["Location"]).content.decode()
    assert PracticePage.objects.filter(title="Bridge to Work Programme", live=False).exists()


def test_the_task_records_progress_after_every_file(client, editor, commit, queue, monkeypatch):
    from importers import documents

    names = ["ilo_bridge_to_work.txt", "com_bridge_mentors.txt", "equal_kompass.txt", "iq_sprachcafe_de.txt"]
    post_upload(client, commit, [upload(name) for name in names])
    pending = PendingImport.objects.get(user=editor)
    seen = []
    parse = documents.parse_document

    def parse_and_look(raw, **kwargs):
        seen.append(PendingImport.objects.get(pk=pending.pk).files_done)  # what the status page reads now
        return parse(raw, **kwargs)

    monkeypatch.setattr(documents, "parse_document", parse_and_look)
    run_queued(queue)
    assert seen == [0, 1, 2, 3]
    assert PendingImport.objects.get(pk=pending.pk).files_done == 4


def test_the_progress_bar_while_reading_and_creating(client, editor):
    pending = PendingImport.objects.create(
        token=uuid.uuid4(), user=editor, state=PendingImport.State.PARSING, files_total=12, files_done=3
    )
    url = reverse("importers_status", args=[pending.token])
    html = client.get(url).content.decode()
    assert 'max="12" value="3" aria-labelledby="import-progress-text">3 of 12 files read</progress>' in html
    PendingImport.objects.filter(pk=pending.pk).update(state="importing", drafts_total=5, drafts_done=2)
    assert "2 of 5 drafts created" in client.get(url).content.decode()
    progress = client.get(reverse("importers_status_json", args=[pending.token]))
    assert "no-store" in progress["Cache-Control"]
    assert progress.json() == {"state": "importing", "running": True, "done": 2, "total": 5,
                               "text": "2 of 5 drafts created"}  # fmt: skip


def test_upload_without_files_or_with_a_huge_file_is_a_form_error(client, editor):
    url = reverse("importers_upload")
    response = client.post(url, {"source_kind": "auto", "locale": "en"})
    assert "Choose at least one file." in response.content.decode()
    response = client.post(
        url, {"files": [upload("big.txt", b"x" * (2 * 1024 * 1024 + 1))], "source_kind": "auto", "locale": "en"}
    )
    assert "too large" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_people_who_cannot_add_practices_cannot_import(client, site_tree, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="pw")
    client.force_login(user)
    assert client.get(reverse("importers_upload")).status_code in (302, 403)


def test_another_users_pending_import_cannot_be_seen_or_confirmed(client, editor, commit, django_user_model):
    other = django_user_model.objects.create_user(username="other", password="pw")
    other.groups.add(Group.objects.get(name="Editors"))
    client.force_login(other)
    post_upload(client, commit, [upload("ilo_bridge_to_work.txt")])
    pending = PendingImport.objects.get(user=other)
    client.force_login(editor)
    for name in ("importers_status", "importers_status_json", "importers_confirm"):
        assert client.get(reverse(name, args=[pending.token])).status_code == 404, name
    with commit():
        assert client.post(reverse("importers_confirm", args=[pending.token])).status_code == 404
    assert not ImportRecord.objects.exists()


def test_garbage_and_unknown_tokens_are_404_not_500(client, editor):
    for path in ("/admin/import/not-a-token/", "/admin/import/%27%3B--/progress/", "/admin/import/1/confirm/"):
        assert client.get(path).status_code == 404, path
    unknown = uuid.uuid4()
    assert client.get(reverse("importers_status", args=[unknown])).status_code == 404
    assert client.post(reverse("importers_confirm", args=[unknown])).status_code == 404


def test_pending_imports_are_cleaned_after_a_day(client, editor):
    old = PendingImport.objects.create(token=uuid.uuid4(), user=editor, state=PendingImport.State.READY)
    fresh = PendingImport.objects.create(token=uuid.uuid4(), user=editor, state=PendingImport.State.READY)
    PendingImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    client.get(reverse("importers_upload"))
    assert list(PendingImport.objects.all()) == [fresh]
    assert client.get(reverse("importers_status", args=[old.token])).status_code == 404


def test_review_shows_labels_evidence_and_a_language_warning(client, editor, commit):
    response = post_upload(client, commit, [upload("iq_sprachcafe_de.txt"), upload("ilo_bridge_to_work.txt")])
    response = client.get(response["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "seems to be in DE" in html  # the German sheet, uploaded as English
    assert html.count("seems to be in") == 1
    assert "Where each fact comes from" in html and "ILO good-practices database" in html
    assert "(Funder)" in html and "(funder)" not in html  # role labels, not codes


def test_editor_can_leave_out_a_file(client, editor, commit):
    post_upload(client, commit, [upload("ilo_bridge_to_work.txt"), upload("com_bridge_mentors.txt")])
    pending = PendingImport.objects.get(user=editor)
    with commit():
        client.post(
            reverse("importers_confirm", args=[pending.token]), {"review": "1", "include": ["com_bridge_mentors.txt"]}
        )
    assert not PracticePage.objects.filter(title="Bridge to Work Programme").exists()
    assert PracticePage.objects.filter(title="Mentors who open doors").exists()


def test_a_bug_while_reading_fails_the_import_with_a_reason_and_no_drafts(client, editor, commit, monkeypatch):
    def broken(records):
        raise RuntimeError("bug")

    monkeypatch.setattr("importers.tasks.group_practices", broken)
    response = post_upload(client, commit, [upload("ilo_bridge_to_work.txt"), upload("garbage.txt", GARBAGE)])
    assert response.status_code == 302
    response = client.get(response["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert "The files could not be read: RuntimeError: bug. Nothing was created." in html
    assert PendingImport.objects.get(user=editor).state == PendingImport.State.FAILED
    assert not PracticePage.objects.filter(title="Bridge to Work Programme").exists()


def test_one_practice_that_cannot_be_written_fails_alone(client, editor, commit, monkeypatch):
    from importers import tasks

    post_upload(client, commit, [upload("ilo_bridge_to_work.txt"), upload("com_bridge_mentors.txt")])
    pending = PendingImport.objects.get(user=editor)
    load = tasks.load_record

    def load_or_fail(record, **kwargs):
        if record.title == "Bridge to Work Programme":
            raise RuntimeError("disk full")
        return load(record, **kwargs)

    monkeypatch.setattr(tasks, "load_record", load_or_fail)
    with commit():
        response = client.post(reverse("importers_confirm", args=[pending.token]))
    html = client.get(response["Location"]).content.decode()
    assert "disk full" in html and "Mentors who open doors" in html
    assert not PracticePage.objects.filter(title="Bridge to Work Programme").exists()
    assert PracticePage.objects.filter(title="Mentors who open doors").exists()


def test_a_queue_that_refuses_the_task_is_reported(client, editor, commit):
    with override_settings(TASKS={"default": {"BACKEND": "importers.tests.no.SuchBackend"}}):
        response = post_upload(client, commit, [upload("ilo_bridge_to_work.txt")])
    pending = PendingImport.objects.get(user=editor)
    assert pending.state == PendingImport.State.FAILED
    assert "The files could not be read" in client.get(response["Location"]).content.decode()


def test_the_progress_speaks_the_editors_language(client, editor):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    pending = PendingImport.objects.create(
        token=uuid.uuid4(), user=editor, state=PendingImport.State.PARSING, files_total=12, files_done=3
    )
    assert "3 von 12 Dateien gelesen" in client.get(reverse("importers_status", args=[pending.token])).content.decode()
    assert client.get(reverse("importers_status_json", args=[pending.token])).json()["text"] == (
        "3 von 12 Dateien gelesen"
    )
