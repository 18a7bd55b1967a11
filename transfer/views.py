"""Views that help decide on a transfer. Nothing here stores anything: every state is in the URL."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from practices.models import PracticeIndexPage
from search.engine import SearchParams, run_search
from search.locales import active_locale
from transfer.compare import MAX_COMPARED, build_sections
from transfer.practices import practice_by_slug

MAX_SLUG_LENGTH = 255


def _noindex(response: HttpResponse) -> HttpResponse:
    response["X-Robots-Tag"] = "noindex, follow"
    return response


def _compare_url(slugs: list[str]) -> str:
    url = reverse("transfer:compare")
    return f"{url}?{urlencode([('p', slug) for slug in slugs])}" if slugs else url


def _index_url(request: HttpRequest) -> str:
    index = PracticeIndexPage.objects.live().filter(locale=active_locale()).first()
    return index.get_url(request) if index else "/"


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Up to three practices side by side: ``?p=slug1&p=slug2&p=slug3`` (shareable, printable)."""
    requested = list(dict.fromkeys(s.strip() for s in request.GET.getlist("p") if s.strip()))
    practices, unknown = [], []
    for slug in requested[: MAX_COMPARED * 2]:
        page = practice_by_slug(slug[:MAX_SLUG_LENGTH]) if len(practices) < MAX_COMPARED else None
        if page is not None and page not in practices:
            practices.append(page)
        elif len(practices) < MAX_COMPARED:
            unknown.append(slug[:80])
    slugs = [page.slug for page in practices]
    columns = [
        {
            "practice": page,
            "remove_url": _compare_url([s for s in slugs if s != page.slug]),
            "check_url": reverse("transfer:check", args=[page.slug]),
        }
        for page in practices
    ]
    add_query = request.GET.get("add", "").strip()[:200]
    candidates = []
    if add_query and len(practices) < MAX_COMPARED:
        outcome = run_search(SearchParams(q=add_query, page_size=10))
        candidates = [
            {"practice": page, "add_url": _compare_url([*slugs, page.slug])}
            for page in outcome.results
            if page.slug not in slugs
        ]
    context = {
        "columns": columns,
        "sections": build_sections(practices) if practices else [],
        "slugs": slugs,
        "unknown": unknown,
        "too_many": len(requested) > MAX_COMPARED and len(practices) == MAX_COMPARED,
        "max_compared": MAX_COMPARED,
        "add_query": add_query,
        "candidates": candidates,
        "can_add": len(practices) < MAX_COMPARED,
        "index_url": _index_url(request),
        "share_url": request.build_absolute_uri(_compare_url(slugs)),
    }
    return _noindex(render(request, "transfer/compare.html", context))


@require_GET
def check(request: HttpRequest, slug: str) -> HttpResponse:
    raise NotImplementedError


@require_GET
def map_clusters(request: HttpRequest) -> JsonResponse:
    raise NotImplementedError
