"""``/en/suggest/`` (``/de/vorschlagen/``): suggest a practice; withdraw it; our criteria for a good practice."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from follow.forms import SuggestionForm
from follow.mail import send
from follow.models import Suggestion, within_rate_limit
from follow.suggestions import moderator_emails, prefill_from_text, submit_suggestion, withdraw

WITHDRAW_SALT = "follow.suggestion.withdraw"
PREFILLS_PER_HOUR = 30
MAX_BODY_BYTES = 120_000  # the form with 50,000 characters of pasted text fits; anything larger is refused


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _refuse(request: HttpRequest, message: str, status: int, form: SuggestionForm | None = None) -> HttpResponse:
    return render(request, "follow/suggest.html", {"form": form or SuggestionForm(), "refusal": message}, status=status)


def _initial_from_post(form_data, prefilled: dict) -> dict:
    """What the visitor typed wins; the parser fills only the empty fields."""
    initial: dict = {}
    for name, field in SuggestionForm().fields.items():
        if name in ("website",):
            continue
        multiple = getattr(field.widget, "allow_multiple_selected", False)
        value = form_data.getlist(name) if multiple else form_data.get(name, "")
        if value:
            initial[name] = value
    for name, value in prefilled.items():
        initial.setdefault(name, value)
    return initial


@never_cache
def suggest(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "follow/suggest.html", {"form": SuggestionForm()})
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
        return _refuse(request, _("Your suggestion is too long. Please shorten the pasted text."), 413)
    form = SuggestionForm(request.POST)
    if form.is_spam:
        return _refuse(request, _("Your suggestion could not be accepted."), 400)
    if request.POST.get("action") == "prefill":
        text = request.POST.get("page_text", "")
        if not text.strip():
            return render(request, "follow/suggest.html", {"form": form, "prefill_empty": True})
        # Parsing costs time: a looser limit of its own, so that robots cannot keep the workers busy.
        if not within_rate_limit("prefill", [client_address(request)], PREFILLS_PER_HOUR, datetime.timedelta(hours=1)):
            message = _("You have sent several suggestions in the last hour. Please try again later.")
            return _refuse(request, message, 429, form)
        prefilled, notes = prefill_from_text(text[: SuggestionForm.base_fields["page_text"].max_length])
        form = SuggestionForm(initial=_initial_from_post(request.POST, prefilled))
        return render(request, "follow/suggest.html", {"form": form, "prefilled": bool(prefilled), "notes": notes})
    if not form.is_valid():
        return render(request, "follow/suggest.html", {"form": form}, status=400)
    allowed = within_rate_limit(
        "suggest",
        [client_address(request), form.cleaned_data["submitter_email"]],
        settings.PRAXIS_SUGGESTIONS_PER_HOUR,
        datetime.timedelta(hours=1),
    )
    if not allowed:
        return _refuse(
            request, _("You have sent several suggestions in the last hour. Please try again later."), 429, form
        )
    suggestion = submit_suggestion(form, Locale.get_active())
    _notify(request, suggestion)
    return redirect(reverse("follow:suggest_thanks"))


def _notify(request: HttpRequest, suggestion: Suggestion) -> None:
    token = signing.dumps(suggestion.pk, salt=WITHDRAW_SALT)
    withdraw_url = request.build_absolute_uri(reverse("follow:suggest_withdraw", kwargs={"token": token}))
    context = {"suggestion": suggestion, "withdraw_url": withdraw_url}
    send("suggestion_confirmation", context, [suggestion.submitter_email], suggestion.language)
    if suggestion.page_id:
        context["edit_url"] = request.build_absolute_uri(reverse("wagtailadmin_pages:edit", args=[suggestion.page_id]))
    send("suggestion_moderators", context, moderator_emails(), settings.LANGUAGE_CODE)


def suggest_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "follow/suggest_thanks.html")


def _suggestion_from(token: str) -> Suggestion:
    try:
        pk = signing.loads(token, salt=WITHDRAW_SALT)
    except signing.BadSignature:
        raise Http404 from None
    suggestion = Suggestion.objects.filter(pk=pk).first()
    if suggestion is None:
        raise Http404
    return suggestion


@never_cache
def suggest_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    suggestion = _suggestion_from(token)
    done = suggestion.status == Suggestion.Status.WITHDRAWN
    if request.method == "POST" and not done:
        withdraw(suggestion)
        done = True
        send("suggestion_withdrawn", {"suggestion": suggestion}, moderator_emails(), settings.LANGUAGE_CODE)
    response = render(request, "follow/suggest_withdraw.html", {"suggestion": suggestion, "done": done})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def criteria(request: HttpRequest) -> HttpResponse:
    return render(request, "follow/criteria.html")
