from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from practices.models import PracticeContact

REVEALS_PER_HOUR = 30


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


@never_cache
@require_POST
def reveal_contact(request: HttpRequest, contact_uuid) -> HttpResponse:
    """Show a published contact's email and phone to a person who asks (a CSRF-protected POST).

    Addresses never stand in the practice page's HTML, and each client may ask only
    ``REVEALS_PER_HOUR`` times an hour, so a scraper cannot harvest them in bulk.
    """
    contact = (
        PracticeContact.objects.select_related("page").filter(uuid=contact_uuid, publish=True, page__live=True).first()
    )
    if contact is None or not contact.page.get_view_restrictions().count() == 0:
        raise Http404
    key = f"contact-reveal:{_client_ip(request)}"
    count = cache.get_or_set(key, 0, timeout=3600)
    if count >= REVEALS_PER_HOUR:
        response = render(request, "practices/contact_reveal.html", {"contact": None, "limited": True}, status=429)
    else:
        cache.incr(key)
        practice = contact.page.specific
        response = render(request, "practices/contact_reveal.html", {"contact": contact, "practice": practice})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
