"""Error pages that need no database: 500, and 503 while the database does not answer."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
JSON_ROUTES = ("/api/", "/oembed/", "/healthz/")


def wants_json(request: HttpRequest) -> bool:
    return request.path_info.startswith(JSON_ROUTES)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: Django calls it while handling the exception, so ``sys.exc_info()`` names it.

    A database that refuses connections (or drops them) is an outage, not a bug: 503 with Retry-After, a
    short page (JSON on JSON routes), never a stack trace. Anything else is the plain 500 page.
    """
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if wants_json(request):
        message = "The service is temporarily unavailable." if unavailable else "Server error."
        response: HttpResponse = JsonResponse({"error": message}, status=status)
    else:
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render(), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
    return response
