"""Import in the admin: upload files, see what was extracted from each, then confirm to create drafts."""

from __future__ import annotations

import base64
import datetime
import logging
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from importers.documents import Failure, group_practices, parse_files
from importers.forms import UploadForm
from importers.loading import LoadError, load_record, practice_index, vocabulary_from_database
from importers.models import PendingImport
from importers.review import review
from practices.models import PracticeIndexPage

logger = logging.getLogger(__name__)


def _check_permission(request: HttpRequest) -> None:
    index = PracticeIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied


def _parse(files: list[tuple[str, bytes]], options: dict):
    """Parse and group; whatever goes wrong is reported as a failure, the upload never answers 500."""
    try:
        records, failures = parse_files(
            files, kind=options["source_kind"], vocabulary=vocabulary_from_database(), language=options["locale"]
        )
        return group_practices(records), failures
    except Exception as error:  # a bug in grouping must not lose the editor's upload
        logger.exception("import: parsing the upload failed")
        return [], [Failure(", ".join(name for name, _ in files), f"could not be read: {type(error).__name__}")]


def upload(request: HttpRequest) -> HttpResponse:
    _check_permission(request)
    PendingImport.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        options = {"source_kind": form.cleaned_data["source_kind"], "locale": form.cleaned_data["locale"]}
        files = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
        groups, failures = _parse(files, options)
        pending = PendingImport.objects.create(
            token=uuid.uuid4(),
            user=request.user,
            options=options,
            files=[{"name": name, "content": base64.b64encode(raw).decode("ascii")} for name, raw in files],
        )
        reviews = [review(group, options["locale"]) for group in groups]
        context.update({"groups": groups, "reviews": reviews, "failures": failures, "pending": pending})
    return TemplateResponse(request, "importers/admin/upload.html", context)


def confirm(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    _check_permission(request)
    pending = get_object_or_404(PendingImport, token=token, user=request.user)
    if request.method != "POST":
        return redirect("importers_upload")
    files = [(item["name"], base64.b64decode(item["content"])) for item in pending.files]
    if request.POST.get("review"):  # the review form lists every file with a checkbox: import the ticked ones
        included = set(request.POST.getlist("include"))
        files = [(name, raw) for name, raw in files if name in included]
    groups, failures = _parse(files, pending.options)
    locale = Locale.objects.get(language_code=pending.options["locale"])
    results = []
    for group in groups:
        try:
            practice_index(locale)
            result = load_record(group.record, locale=locale, user=request.user)
        except (LoadError, Exception) as error:  # report per practice, keep going
            results.append({"group": group, "status": "failed", "message": str(error), "page": None})
            continue
        results.append({"group": group, "status": result.status, "message": result.message, "page": result.page})
    pending.delete()
    messages.success(request, _("Import finished."))
    return TemplateResponse(request, "importers/admin/results.html", {"results": results, "failures": failures})
