"""E-mails of the follow app, rendered from text templates in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def send(template: str, context: dict, to: list[str], language: str, headers: dict | None = None) -> None:
    if not to:
        return
    with translation.override(language):
        subject = " ".join(render_to_string(f"follow/email/{template}_subject.txt", context).split())
        body = render_to_string(f"follow/email/{template}.txt", context)
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    ).send()
