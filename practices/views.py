from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from practices.clients import over_limit
from practices.models import PracticeContact

REVEALS_PER_HOUR = 30


@never_cache
@require_POST
def reveal_contact(request: HttpRequest, contact_uuid) -> HttpResponse:
    """Show a published contact's email and phone to a person who asks (a CSRF-protected POST).

    Addresses never stand in the practice page's HTML, and each client may ask only
    ``REVEALS_PER_HOUR`` times an hour, so a scraper cannot harvest them in bulk. The client is the address
    the trusted proxies report (``practices.clients``), counted in the shared cache.
    """
    contact = (
        PracticeContact.objects.select_related("page").filter(uuid=contact_uuid, publish=True, page__live=True).first()
    )
    if contact is None or not contact.page.get_view_restrictions().count() == 0:
        raise Http404
    # Asked from the practice page by contact-reveal.js: only the details, shown in place.
    template = (
        "components/contact_details.html"
        if request.headers.get("X-Requested-With") == "fetch"
        else "practices/contact_reveal.html"
    )
    if over_limit("contact-reveal", request, REVEALS_PER_HOUR, 3600):
        response = render(request, template, {"contact": None, "limited": True}, status=429)
        response["Retry-After"] = "3600"
    else:
        practice = contact.page.specific
        response = render(request, template, {"contact": contact, "practice": practice})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
