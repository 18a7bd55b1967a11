"""Editors upload files in the admin, see what was extracted, and confirm to create drafts."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importers.models import ImportRecord, PendingImport
from practices.models import PracticePage

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, site_tree, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (FIXTURES / name).read_bytes())


def test_editor_previews_then_confirms_an_import(client, editor):
    url = reverse("importers_upload")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "files": [upload("ilo_bridge_to_work.txt"), upload("empty.txt", b"")],
            "source_kind": "auto",
            "locale": "en",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bridge to Work Programme" in html and "Kassel" in html
    assert "empty.txt" in html and "empty file" in html
    assert not PracticePage.objects.filter(title="Bridge to Work Programme").exists()

    pending = PendingImport.objects.get(user=editor)
    response = client.post(reverse("importers_confirm", args=[pending.token]))
    assert response.status_code == 200
    page = PracticePage.objects.get(title="Bridge to Work Programme")
    assert not page.live
    assert "created" in response.content.decode()
    assert ImportRecord.objects.get(page=page).imported_by == editor
    assert not PendingImport.objects.exists()


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


def test_another_users_pending_import_cannot_be_confirmed(client, editor, django_user_model):
    other = django_user_model.objects.create_user(username="other", password="pw")
    pending = PendingImport.objects.create(token="00000000-0000-0000-0000-000000000001", user=other, files=[])
    assert client.post(reverse("importers_confirm", args=[pending.token])).status_code == 404


def test_review_shows_labels_evidence_and_a_language_warning(client, editor):
    response = client.post(
        reverse("importers_upload"),
        {"files": [upload("iq_sprachcafe_de.txt"), upload("ilo_bridge_to_work.txt")], "source_kind": "auto",
         "locale": "en"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "seems to be in DE" in html  # the German sheet, uploaded as English
    assert html.count("seems to be in") == 1
    assert "Where each fact comes from" in html and "ILO good-practices database" in html
    assert "(Funder)" in html and "(funder)" not in html  # role labels, not codes


def test_editor_can_leave_out_a_file(client, editor):
    files = [upload("ilo_bridge_to_work.txt"), upload("com_bridge_mentors.txt")]
    client.post(reverse("importers_upload"), {"files": files, "source_kind": "auto", "locale": "en"})
    pending = PendingImport.objects.get(user=editor)
    client.post(
        reverse("importers_confirm", args=[pending.token]), {"review": "1", "include": ["com_bridge_mentors.txt"]}
    )
    assert not PracticePage.objects.filter(title="Bridge to Work Programme").exists()
    assert PracticePage.objects.filter(title="Mentors who open doors").exists()


def test_the_upload_never_answers_500(client, editor, monkeypatch):
    def broken(records):
        raise RuntimeError("bug")

    monkeypatch.setattr("importers.views.group_practices", broken)
    garbage = bytes(33 + (i * 7919) % 94 if i % 9 else 32 for i in range(5000))
    response = client.post(
        reverse("importers_upload"),
        {"files": [upload("ilo_bridge_to_work.txt"), upload("garbage.txt", garbage)], "source_kind": "auto",
         "locale": "en"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "could not be read" in response.content.decode()
