"""A real oEmbed consumer, Wagtail's own embeds module, turns a practice URL into our card over HTTP."""

import re

import pytest
import requests
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.finders import get_finders
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.models import Site

from cards.tests.factories import card_practice


@pytest.fixture
def oembed_finder(live_server, settings):
    settings.WAGTAILEMBEDS_FINDERS = [
        {
            "class": "wagtail.embeds.finders.oembed",
            "providers": [
                {
                    "endpoint": f"{live_server.url}/oembed/",
                    "urls": [re.escape(live_server.url) + r"/(en|de)/practices/.+"],
                }
            ],
        }
    ]
    get_finders.cache_clear()
    yield
    get_finders.cache_clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wagtail_embeds_turns_a_practice_url_into_our_card(live_server, site_tree, oembed_finder):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    page = card_practice(site_tree.index)
    assert page.full_url == live_server.url + page.url

    embed = get_embed(page.full_url, max_width=400)
    assert embed.type == "rich"
    assert embed.title == "Bridge to Work Leipzig"
    assert embed.provider_name == "Praxis"
    assert (embed.width, embed.height) == (400, 445)  # the compact card's measured height at 400 px
    assert embed.cache_until is not None
    src = re.search(r'<iframe src="([^"]+)"', embed.html).group(1)
    assert src == f"{live_server.url}/embed/practices/bridge-to-work-leipzig/?lang=en"

    # The HTML Wagtail puts into pages (rich text and EmbedBlock use this) is our iframe.
    assert f'src="{src}"' in embed_to_frontend_html(page.full_url, max_width=400)

    card = requests.get(src, timeout=10)
    assert card.status_code == 200
    assert "Bridge to Work Leipzig" in card.text
    assert "frame-ancestors *" in card.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in card.headers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wagtail_embeds_gets_nothing_for_a_hidden_practice(live_server, site_tree, oembed_finder):
    from wagtail.embeds.exceptions import EmbedNotFoundException

    page = card_practice(site_tree.index)
    page.unpublish()
    with pytest.raises(EmbedNotFoundException):
        get_embed(live_server.url + "/en/practices/bridge-to-work-leipzig/")
