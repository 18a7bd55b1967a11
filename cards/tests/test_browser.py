"""A partner page on another origin embeds two cards, one by iframe and one by script, in headless Chromium."""

import functools
import html as html_lib
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import Site

from cards.oembed import iframe_html
from cards.tests.factories import card_practice, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def partner_site(tmp_path):
    """A tiny static web server: a different origin (127.0.0.1 and its own port) from the live server."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fitted(page, selector, settle_ms: int = 10_000):
    """The iframe's height and the card's own height inside it, once the two have settled.

    A card reports its height again whenever it changes (a frame that grows can unwrap a line), so
    the frame follows in a few messages; this waits for that, up to `settle_ms`, and returns what it saw.
    """
    frame = page.locator(selector).element_handle().content_frame()
    frame.wait_for_selector("#praxis-card")
    waited = 0
    while True:
        card_height = frame.evaluate("Math.ceil(document.getElementById('praxis-card').getBoundingClientRect().height)")
        frame_height = page.eval_on_selector(selector, "f => f.getBoundingClientRect().height")
        if abs(frame_height - card_height) <= 1 or waited >= settle_ms:
            return frame_height, card_height, frame
        page.wait_for_timeout(100)
        waited += 100


def test_two_cards_on_another_origin_render_resize_and_link_home(live_server, site_tree, partner_site, browser):

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    first = card_practice(site_tree.index)
    second = card_practice(site_tree.index, title="Welcome Mentors Chemnitz", slug="welcome-mentors-chemnitz")
    second_de = translate(second, site_tree.index_de, title="Willkommenspaten Chemnitz", summary="Paten " * 80)
    folder, partner = partner_site
    iframe = iframe_html(f"{live_server.url}/embed/practices/{first.slug}/?lang=en", first.title, 480, 100)
    (folder / "index.html").write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Partner</title>
        <link rel="icon" href="data:,"></head><body>
        <h1>Our partners' practices</h1>
        <div id="by-iframe">{iframe}</div>
        <div id="by-script"><script src="{live_server.url}/embed.js" data-practice="{second.slug}" data-lang="de"
            data-variant="full" async></script></div>
        </body></html>""",
        encoding="utf-8",
    )
    expected = {"#by-iframe iframe": first.full_url, "#by-script iframe": second_de.full_url}
    titles = {"#by-iframe iframe": "Bridge to Work Leipzig", "#by-script iframe": "Willkommenspaten Chemnitz"}

    page = browser.new_page(viewport={"width": 900, "height": 1400})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(f"{partner}/index.html")
    for selector in expected:
        page.wait_for_function(
            "s => { const f = document.querySelector(s); return f && f.getAttribute('data-praxis-fitted') }",
            arg=selector,
        )
    for selector, canonical in expected.items():
        frame_height, card_height, frame = fitted(page, selector)
        assert abs(frame_height - card_height) <= 1, (selector, frame_height, card_height)
        assert titles[selector] in frame.inner_text("h3")
        links = frame.eval_on_selector_all("a", "links => links.map(a => [a.href, a.target, a.rel])")
        assert links and all(link == [canonical, "_blank", "noopener"] for link in links), links
        response = page.request.get(canonical)
        assert response.ok and titles[selector] in response.text()
    tall = fitted(page, "#by-script iframe")[0]
    assert tall > 300  # grew from its starting height to the long German card

    # Narrower page, taller cards: both frames follow.
    page.set_viewport_size({"width": 320, "height": 1400})
    page.wait_for_function(
        "h => document.querySelector('#by-script iframe').getBoundingClientRect().height > h", arg=tall
    )
    page.wait_for_timeout(300)  # let the other card report its new height too
    for selector in expected:
        frame_height, card_height, _frame = fitted(page, selector)
        assert abs(frame_height - card_height) <= 1, (selector, frame_height, card_height)
    assert fitted(page, "#by-script iframe")[0] > tall
    assert errors == []


UNCLIPPED = """() => {
    const bottom = (selector) => {
        const e = document.querySelector(selector);
        return e ? e.getBoundingClientRect().bottom : -1;
    };
    return {link: bottom(".practice-card__more a"), attribution: bottom(".praxis-embed__provider"),
            title: bottom(".practice-card__title"), height: window.innerHeight};
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("javascript", [True, False])
def test_cards_fit_on_another_origin_all_three_ways(
    live_server, site_tree, partner_site, browser, client, width, javascript
):
    """iframe snippet, script snippet and oEmbed HTML: title, link and attribution are never cut off."""
    from cards.tests.factories import card_practice
    from practices.tests.factories import PracticePageFactory

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    practice = card_practice(site_tree.index)
    long_one = PracticePageFactory(
        parent=site_tree.index,
        title="A practice with a very long title about mentoring, coaching and placement for refugee engineers",
        slug="long-practice",
        summary="Mentors and coaches " * 40,
    )
    host = live_server.url.split("://", 1)[1]  # snippets as the live site writes them
    page_html = client.get(practice.url, HTTP_HOST=host).content.decode()
    snippets = dict(re.findall(r'<textarea id="embed-(\w+)"[^>]*>(.*?)</textarea>', page_html, re.S))
    oembed = client.get("/oembed/", {"url": long_one.full_url}, HTTP_HOST=host).json()
    folder, partner = partner_site
    (folder / "index.html").write_text(
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>Partner</title><link rel="icon" href="data:,"></head><body style="margin:0;padding:8px">
        <div id="by-iframe">{html_lib.unescape(snippets["iframe"])}</div>
        <div id="by-script">{html_lib.unescape(snippets["script"])}</div>
        <div id="by-oembed">{oembed["html"]}</div>
        </body></html>""",
        encoding="utf-8",
    )
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 2400})
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text) if message.type in ("error", "warning") else None)
    page.goto(f"{partner}/index.html")
    frames = ["#by-iframe iframe", "#by-oembed iframe"]
    if javascript:
        frames.append("#by-script iframe")
        for selector in frames:
            page.wait_for_function(
                "s => { const f = document.querySelector(s); return f && f.getAttribute('data-praxis-fitted') }",
                arg=selector,
            )
    else:
        link = page.locator("#by-script a")
        assert link.get_attribute("href") == practice.full_url  # the snippet's fallback content
        assert link.is_visible()
    for selector in frames:
        frame = page.locator(selector).element_handle().content_frame()
        frame.wait_for_selector("#praxis-card")
        box = frame.evaluate(UNCLIPPED)
        assert 0 < box["title"] <= box["height"], (selector, box)
        assert 0 < box["link"] <= box["height"], (selector, box)
        assert 0 < box["attribution"] <= box["height"] + 1, (selector, box)
        assert frame.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), selector
    assert messages == []
    context.close()


def test_the_compact_card_is_shorter_than_the_full_one(live_server, site_tree, browser):
    from cards.tests.factories import card_practice

    practice = card_practice(site_tree.index)
    page = browser.new_page(viewport={"width": 480, "height": 2000})
    heights = {}
    for variant in ("compact", "full"):
        page.goto(f"{live_server.url}/embed/practices/{practice.slug}/?variant={variant}")
        heights[variant] = page.evaluate("document.getElementById('praxis-card').getBoundingClientRect().height")
    assert heights["compact"] < heights["full"]
