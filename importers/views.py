"""Import in the admin: upload files, see what was extracted from each, then confirm to create drafts.

The request never reads or imports: it stores the files in a ``PendingImport`` and enqueues a task
(``importers.tasks``); the status page shows the task's progress, then the review, then the results.
"""

from __future__ import annotations

import base64
import datetime
import logging
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Locale

from importers.forms import UploadForm
from importers.models import PendingImport
from importers.tasks import import_pending_import, parse_pending_import
from practices.models import PracticeIndexPage

logger = logging.getLogger(__name__)


def _check_permission(request: HttpRequest) -> None:
    index = PracticeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied


def upload(request: HttpRequest) -> HttpResponse:
    """Check and store the files, hand the reading to a task, and show its progress (never parse here)."""
    _check_permission(request)
    PendingImport.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        options = {"source_kind": form.cleaned_data["source_kind"], "locale": form.cleaned_data["locale"]}
        files = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
        pending = PendingImport.objects.create(
            token=uuid.uuid4(),
            user=request.user,
            options=options,
            files=[{"name": name, "content": base64.b64encode(raw).decode("ascii")} for name, raw in files],
            files_total=len(files),
        )
        _enqueue(parse_pending_import, pending)
        return redirect("importers_status", pending.token)
    return TemplateResponse(request, "importers/admin/upload.html", {"form": form})


def _enqueue(task, pending: PendingImport) -> None:
    """Enqueue after the commit; if the queue refuses, say so on the status page instead of waiting forever."""
    pending_id = pending.pk

    def enqueue() -> None:
        try:
            task.enqueue(pending_id)
        except Exception as error:
            logger.exception("import: could not enqueue %s for pending import %s", task.name, pending_id)
            PendingImport.objects.filter(pk=pending_id).update(
                state=PendingImport.State.FAILED, error=f"{type(error).__name__}: {error}"[:500]
            )

    transaction.on_commit(enqueue)


def _pending(request: HttpRequest, token: uuid.UUID, *, with_files: bool = False) -> PendingImport:
    _check_permission(request)
    pending = PendingImport.objects.all() if with_files else PendingImport.objects.defer("files")
    return get_object_or_404(pending, token=token, user=request.user)  # the files: up to 100 MiB, polled each second


def progress_text(pending: PendingImport) -> str:
    """The one line under the progress bar, e.g. "3 of 12 files read"."""
    if pending.state == PendingImport.State.QUEUED:
        return _("Waiting for the background worker to start.")
    if pending.state == PendingImport.State.IMPORTING and pending.drafts_total:
        return ngettext(
            "%(done)s of %(total)s draft created", "%(done)s of %(total)s drafts created", pending.drafts_total
        ) % {"done": pending.drafts_done, "total": pending.drafts_total}
    return ngettext("%(done)s of %(total)s file read", "%(done)s of %(total)s files read", pending.files_total) % {
        "done": pending.files_done,
        "total": pending.files_total,
    }


def _progress(pending: PendingImport) -> dict:
    importing = pending.state == PendingImport.State.IMPORTING and pending.drafts_total
    return {
        "state": pending.state,
        "running": pending.running,
        "done": pending.drafts_done if importing else pending.files_done,
        "total": pending.drafts_total if importing else pending.files_total,
        "text": progress_text(pending),
    }


def status(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """Progress while a task runs; then the review (ready), the results (done) or the reason (failed)."""
    pending = _pending(request, token)
    context = {"pending": pending, "progress": _progress(pending), "failures": pending.failures}
    if pending.state == PendingImport.State.READY:
        return TemplateResponse(request, "importers/admin/review.html", {**context, "reviews": pending.reviews})
    if pending.state == PendingImport.State.DONE:
        return TemplateResponse(request, "importers/admin/results.html", {**context, "results": pending.results})
    return TemplateResponse(request, "importers/admin/progress.html", context)


def status_json(request: HttpRequest, token: uuid.UUID) -> JsonResponse:
    """What the status page polls (``importers/static/importers/progress.js``)."""
    return JsonResponse(_progress(_pending(request, token)))  # the admin's URLs are never cached


def confirm(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """Hand the creation of the drafts to a task; a second click (or a stale page) only shows the progress."""
    pending = _pending(request, token, with_files=True)
    if request.method != "POST":
        return redirect("importers_status", token)
    names = [item["name"] for item in pending.files]
    if request.POST.get("review"):  # the review form lists every file with a checkbox: import the ticked ones
        included = set(request.POST.getlist("include"))
        names = [name for name in names if name in included]
    claimed = PendingImport.objects.filter(pk=pending.pk, state=PendingImport.State.READY).update(
        state=PendingImport.State.IMPORTING,
        included=names,
        files_total=len(names),
        files_done=0,
        drafts_total=0,
        drafts_done=0,
        import_started_at=None,
    )
    if claimed:
        _enqueue(import_pending_import, pending)
    return redirect("importers_status", token)
