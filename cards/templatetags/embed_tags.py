from __future__ import annotations

from django import template
from django.utils.html import format_html

from cards.content import DEFAULT_WIDTH, is_embeddable
from cards.oembed import card_url, discovery_urls, iframe_html
from cards.sizes import card_height
from practices.locales import language_code

register = template.Library()


@register.simple_tag(takes_context=True)
def embed_links(context, page) -> dict[str, str] | None:
    """Snippets and addresses for embedding ``page``; ``None`` for previews, drafts and private practices."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False) or not is_embeddable(page):
        return None
    language = language_code(page.locale_id)
    card = card_url(request, page)
    script_src = request.build_absolute_uri("/embed.js")
    oembed = discovery_urls(request, page)
    page_url = page.get_full_url(request)
    return {
        "page_url": page_url,
        "oembed_json": oembed["json"],
        "oembed_xml": oembed["xml"],
        "card_url": card,
        "iframe": iframe_html(card, page.title, DEFAULT_WIDTH, card_height("compact", DEFAULT_WIDTH)),
        "script_src": script_src,
        # The link is the fallback content: where the script cannot run (or is stripped), readers still get it.
        "script": format_html(
            '<a href="{}" data-praxis-practice="{}" data-lang="{}">{}</a>\n<script src="{}" async></script>',
            page_url,
            page.slug,
            language,
            page.title,
            script_src,
        ),
    }
