"""Downloads of any search result (the search page's parameters) and the data dictionary page."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from follow.exports import FORMATS, csv_lines, jsonl_lines, xlsx_bytes
from follow.records import COLUMNS, DATASET_VERSION, MAX_EXPORT, records
from practices.params import ParameterError
from search.engine import matching_ids, parse_params


def export_filename(extension: str, language: str, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"praxis-practices-{language}-{today.isoformat()}.{extension}"


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """``/<lang>/export/practices.<csv|jsonl|xlsx>?<search parameters>``: the matching practices, at most 10,000."""
    if fmt not in FORMATS:
        return HttpResponseBadRequest("Unknown format.")
    try:
        params = parse_params(request.GET, strict=True)
    except ParameterError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    locale = Locale.get_active()
    ids = matching_ids(params, locale)
    total = len(ids)
    ids = ids[:MAX_EXPORT]
    content_type, extension = FORMATS[fmt]
    rows = records(ids, request)
    if fmt == "xlsx":
        response: HttpResponse = HttpResponse(xlsx_bytes(rows), content_type=content_type)
    else:
        lines = csv_lines(rows) if fmt == "csv" else jsonl_lines(rows)
        response = StreamingHttpResponse(lines, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{export_filename(extension, locale.language_code)}"'
    response["X-Total-Count"] = str(total)
    response["X-Dataset-Version"] = DATASET_VERSION
    if total > MAX_EXPORT:
        response["X-Truncated"] = f"first {MAX_EXPORT} of {total}"
    response["X-Robots-Tag"] = "noindex"
    return response


def data_page(request: HttpRequest) -> HttpResponse:
    """The data dictionary, the licence and the addresses of the downloads and the API."""
    from django.conf import settings

    return render(
        request,
        "follow/data.html",
        {
            "columns": COLUMNS,
            "dataset_version": DATASET_VERSION,
            "max_export": MAX_EXPORT,
            "licence_name": settings.PRAXIS_DATA_LICENCE_NAME,
            "licence_url": settings.PRAXIS_DATA_LICENCE_URL,
        },
    )
