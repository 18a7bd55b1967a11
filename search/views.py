"""The practice index page is the search page: served by this view, so the page model knows nothing of search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from practices.models import PracticeIndexPage
from search.page import search_context


def serve_practice_index(page: PracticeIndexPage, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """What ``Page.serve`` does, with the search's context; searches and filtered listings get ``noindex``."""
    request.is_preview = False
    context = page.get_context(request, *args, **kwargs)
    context.update(search_context(request, page.get_url(request), page.page_size))
    response = TemplateResponse(request, page.get_template(request, *args, **kwargs), context)
    if request.GET:
        response["X-Robots-Tag"] = "noindex, follow"
    return response
