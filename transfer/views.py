"""Views that help decide on a transfer. Nothing here stores anything: every state is in the URL."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_GET

from practices.locales import active_locale
from practices.models import PracticeIndexPage, PracticePage
from practices.params import ParameterError
from search.engine import SearchParams, grid_clusters, parse_params, run_search
from search.geo import MAX_ZOOM
from transfer.check import ADAPT, FITS, MISSING, CheckForm, evaluate, verdict
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
    """ "Would this work for us?": questions from the practice's facts, answers in the query string."""
    practice = practice_by_slug(slug[:MAX_SLUG_LENGTH])
    if practice is None:
        raise Http404
    answered = "answered" in request.GET
    form = CheckForm(practice, request.GET if answered else None)
    findings = evaluate(practice, form.cleaned_data) if answered and form.is_valid() else []
    groups = {status: [f for f in findings if f.status == status] for status in (FITS, MISSING, ADAPT)}
    context = {
        "practice": practice,
        "form": form,
        "answered": answered and form.is_valid(),
        "findings": findings,
        "fits": groups[FITS],
        "missing": groups[MISSING],
        "adapt": groups[ADAPT],
        "verdict": verdict(findings) if findings else None,
        "has_prerequisites": bool(practice.prerequisite_items),
        "share_url": request.build_absolute_uri(),
        "compare_url": _compare_url([practice.slug]),
    }
    return _noindex(render(request, "transfer/check.html", context))


def _error(parameter: str, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "parameter": parameter}, status=400)


def _viewport(request: HttpRequest) -> tuple[int, tuple[float, float, float, float]]:
    """``zoom`` (0–18) and ``bbox`` (west,south,east,north in degrees), or ParameterError."""
    try:
        zoom = int(request.GET.get("zoom", ""))
    except ValueError:
        raise ParameterError("zoom", "'zoom' must be a whole number from 0 to 18.") from None
    if not 0 <= zoom <= MAX_ZOOM:
        raise ParameterError("zoom", "'zoom' must be a whole number from 0 to 18.")
    try:
        west, south, east, north = (float(part) for part in request.GET.get("bbox", "").split(","))
    except ValueError:
        raise ParameterError("bbox", "'bbox' must be west,south,east,north in degrees.") from None
    if not (-90 <= south <= north <= 90 and -540 <= west <= 540 and -540 <= east <= 540) or math.isnan(
        west + south + east + north
    ):
        raise ParameterError("bbox", "'bbox' must be west,south,east,north in degrees.")
    if east - west >= 360:
        west, east = -180.0, 180.0
    else:  # maps scrolled around the world give longitudes past ±180
        west, east = ((west + 180) % 360) - 180, ((east + 180) % 360) - 180
    return zoom, (south, west, north, east)


def _marker(practice: PracticePage, cluster, request: HttpRequest) -> dict:
    place = next(iter(practice.places.all()), None)
    return {
        "lat": round(cluster.latitude, 5),
        "lon": round(cluster.longitude, 5),
        "count": cluster.count,
        "id": practice.pk,
        "title": practice.title,
        "url": practice.get_url(request),
        "place": str(place) if place else "",
        "period": str(practice.period),
        "status": practice.get_status_display(),
        "summary": Truncator(practice.summary).words(25),
    }


@require_GET
def map_clusters(request: HttpRequest) -> JsonResponse:
    """The map of a search as JSON: the search's parameters plus ``bbox`` and ``zoom``.

    Grid clusters of the matching practices' places within the box (``search.geo``), and a marker with
    a card for each cell that holds one practice. Invalid parameters give 400 with the parameter's name.
    """
    try:
        params = parse_params(request.GET, strict=True)
        zoom, (south, west, north, east) = _viewport(request)
    except ParameterError as error:
        return _error(error.parameter, error.message)
    count, clusters = grid_clusters(params, zoom, (south, west, north, east))
    singles = {cluster.practice_id for cluster in clusters if cluster.practice_id is not None}
    practices = {
        page.pk: page
        for page in PracticePage.objects.filter(pk__in=singles)
        .only("title", "summary", "start_year", "end_year", "status", "url_path", "path", "depth", "locale_id")
        .prefetch_related("places")
    }
    markers, groups = [], []
    for cluster in clusters:
        practice = practices.get(cluster.practice_id)
        if practice is not None:
            markers.append(_marker(practice, cluster, request))
        else:
            groups.append(
                {
                    "lat": round(cluster.latitude, 5),
                    "lon": round(cluster.longitude, 5),
                    "count": cluster.count,
                    "bounds": [round(value, 5) for value in cluster.bounds] if cluster.bounds else None,
                }
            )
    near = params.near
    response = JsonResponse(
        {
            "count": count,
            "zoom": zoom,
            "clusters": groups,
            "markers": markers,
            "near": {"lat": near.latitude, "lon": near.longitude, "km": near.km, "label": near.label} if near else None,
            "ignored": params.ignored,
        }
    )
    response["Cache-Control"] = "public, max-age=60"
    response["X-Robots-Tag"] = "noindex"
    return response
