"""The admin import's long work, run by django-tasks off the request (``TASKS``: at once in development and
tests, by ``manage.py db_worker`` in production).

The upload view only stores the files in a ``PendingImport`` and enqueues ``parse_pending_import``; the
confirm view moves it to ``importing`` and enqueues ``import_pending_import``. Each task claims its
``PendingImport`` with one conditional update (queued → parsing; ``import_started_at`` set once), so a task
run twice does nothing the second time; it records progress after every file or practice and ends in
``ready``/``done`` or, on an unexpected error, ``failed`` with a reason.
Reading writes nothing but the ``PendingImport``; each draft is written in its own transaction by
``load_record``, so a failure never leaves half a draft.
"""

from __future__ import annotations

import base64
import dataclasses
import logging

from django.utils import timezone
from django_tasks import task
from wagtail.models import Locale

from importers.documents import Failure, group_practices, parse_files
from importers.loading import load_record, practice_index, vocabulary_from_database
from importers.models import PendingImport
from importers.review import review

logger = logging.getLogger(__name__)
State = PendingImport.State

# The record fields the review page does not show: the texts themselves can be megabytes.
_NOT_REVIEWED = ("description", "challenge", "approach", "results", "lessons", "quotes", "interview", "translations")


def _update(pending_id: int, **fields) -> None:
    PendingImport.objects.filter(pk=pending_id).update(**fields)


def _files(pending: PendingImport, names: set[str] | None = None) -> list[tuple[str, bytes]]:
    return [
        (item["name"], base64.b64decode(item["content"]))
        for item in pending.files
        if names is None or item["name"] in names
    ]


def _read(pending: PendingImport, files: list[tuple[str, bytes]]) -> tuple[list, list[Failure]]:
    """Parse file by file (one bad file fails alone), counting ``files_done``, and group into practices."""

    def progress(number: int, total: int) -> None:
        _update(pending.pk, files_done=number - 1)

    records, failures = parse_files(
        files,
        kind=pending.options.get("source_kind", "auto"),
        vocabulary=vocabulary_from_database(),
        language=pending.options.get("locale", ""),
        progress=progress,
    )
    _update(pending.pk, files_done=len(files))
    return group_practices(records), failures


def review_data(group, locale: str) -> dict:
    """The review of one practice as JSON: the template reads dictionaries as it reads the record."""
    data = review(group, locale)
    record = data["record"].to_json_dict()
    for name in _NOT_REVIEWED:
        record.pop(name, None)
    return {**data, "record": record}


@task()
def parse_pending_import(pending_id: int) -> None:
    """Read the uploaded files and store what the review page shows."""
    if not PendingImport.objects.filter(pk=pending_id, state=State.QUEUED).update(state=State.PARSING):
        return  # cleaned up, or already taken by another worker
    pending = PendingImport.objects.get(pk=pending_id)
    try:
        files = _files(pending)
        groups, failures = _read(pending, files)
        reviews = [review_data(group, pending.options.get("locale", "")) for group in groups]
    except Exception as error:  # a bug must not leave the editor waiting forever
        logger.exception("import: reading pending import %s failed", pending_id)
        _update(pending_id, state=State.FAILED, error=f"{type(error).__name__}: {error}"[:500])
        return
    _update(
        pending_id,
        state=State.READY,
        reviews=reviews,
        failures=[dataclasses.asdict(failure) for failure in failures],
    )


@task()
def import_pending_import(pending_id: int) -> None:
    """Create the drafts of the files the editor confirmed, one practice at a time, through ``load_record``."""
    claimed = PendingImport.objects.filter(pk=pending_id, state=State.IMPORTING, import_started_at__isnull=True)
    if not claimed.update(import_started_at=timezone.now()):
        return  # cleaned up, not confirmed, or already taken by another worker
    pending = PendingImport.objects.select_related("user").get(pk=pending_id)
    results: list[dict] = []
    try:
        groups, failures = _read(pending, _files(pending, set(pending.included)))
        _update(pending_id, drafts_total=len(groups), failures=[dataclasses.asdict(f) for f in failures])
        locale = Locale.objects.get(language_code=pending.options["locale"])
        for number, group in enumerate(groups, start=1):
            result = {"title": group.record.title, "files": group.files, "page_id": None, "page_title": ""}
            try:
                practice_index(locale)
                loaded = load_record(group.record, locale=locale, user=pending.user)
            except Exception as error:  # report per practice, keep going (LoadError or a bug in one record)
                logger.warning("import: %s failed: %s", ", ".join(group.files), error)
                result.update(status="failed", message=str(error))
            else:
                result.update(status=loaded.status, message=loaded.message)
                if loaded.page is not None:
                    result.update(page_id=loaded.page.pk, page_title=loaded.page.title)
            results.append(result)
            _update(pending_id, drafts_done=number, results=results)
    except Exception as error:
        logger.exception("import: importing pending import %s failed", pending_id)
        _update(pending_id, state=State.FAILED, error=f"{type(error).__name__}: {error}"[:500], results=results)
        return
    _update(pending_id, state=State.DONE, results=results, files=[])
