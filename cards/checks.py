"""The frame-ancestors allow-list goes verbatim into a header: refuse anything that is not an origin."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import Error, register

ORIGIN = re.compile(r"^(\*|'self'|https?://(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?)$")


@register()
def check_frame_ancestors(app_configs, **kwargs) -> list[Error]:
    return [
        Error(
            f"EMBEDS_FRAME_ANCESTORS entry {value!r} is not '*', 'self' or an origin such as https://example.org.",
            id="cards.E001",
        )
        for value in settings.EMBEDS_FRAME_ANCESTORS
        if not ORIGIN.match(value)
    ]
