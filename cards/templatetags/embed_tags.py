from __future__ import annotations

from django import template
from django.utils.html import format_html

from cards.content import DEFAULT_HEIGHTS, DEFAULT_WIDTH, is_embeddable
from cards.oembed import card_url, discovery_urls, iframe_html

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_links(context, page) -> dict[str, str] | None:
    """Snippets and addresses for embedding ``page``; ``None`` for previews, drafts and private practices."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False) or not is_embeddable(page):
        return None
    language = page.locale.language_code
    card = card_url(request, page)
    script_src = request.build_absolute_uri("/embed.js")
    oembed = discovery_urls(request, page)
    return {
        "oembed_json": oembed["json"],
        "oembed_xml": oembed["xml"],
        "card_url": card,
        "iframe": iframe_html(card, page.title, DEFAULT_WIDTH, DEFAULT_HEIGHTS["compact"]),
        "script_src": script_src,
        "script": format_html(
            '<script src="{}" data-practice="{}" data-lang="{}" async></script>', script_src, page.slug, language
        ),
    }
