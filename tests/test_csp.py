"""Content-Security-Policy on every page: the public site runs only its own scripts; Wagtail's admin keeps working."""

import re

import pytest
from django.contrib.auth import get_user_model

from cards.tests.factories import card_practice

SCRIPT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.django_db
def test_public_pages_allow_only_their_own_scripts(client, site_tree):
    practice = card_practice(site_tree.index)
    for url in (site_tree.index.url, practice.url, "/en/", "/api/search/", "/api/docs"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"], url


@pytest.mark.django_db
def test_the_map_tiles_host_is_the_only_outside_image_source(client, site_tree):
    policy = directives(client.get(site_tree.index.url)["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]  # from MAP_TILES_URL
    assert "'unsafe-inline'" not in policy["script-src"]


def test_tile_sources_follow_the_tiles_url():
    from kb.settings.base import _tile_source

    assert _tile_source("https://tiles.example.org:8443/{z}/{x}/{y}.png?key=k") == "https://tiles.example.org:8443"
    assert _tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert _tile_source("/static/tiles/{z}/{x}/{y}.png") is None  # served by the site: 'self'


@pytest.mark.django_db
def test_the_admin_has_its_own_relaxations_and_still_no_framing(client):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"] and policy["frame-ancestors"] == ["'self'"]


@pytest.mark.django_db
def test_the_card_keeps_its_own_policy(client, site_tree, settings):
    settings.EMBEDS_FRAME_ANCESTORS = ["https://partner.example"]
    practice = card_practice(site_tree.index)
    policy = directives(client.get(f"/embed/practices/{practice.slug}/")["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'", "https://partner.example"]
    assert policy["script-src"][0].startswith("'sha256-") and policy["default-src"] == ["'none'"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_and_reader_pages_raise_no_csp_violation(live_server, site_tree, browser):
    get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
    practice = card_practice(site_tree.index)
    context = browser.new_context()
    context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())  # no network
    context.add_init_script(SCRIPT_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))

    def visit(path: str) -> list[str]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        return page.evaluate("window.__violations")

    assert visit("/admin/login/") == []
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    seen = {"dashboard": visit("/admin/")}
    seen["editor"] = visit(f"/admin/pages/{practice.pk}/edit/")
    assert page.locator("form#page-edit-form").count() == 1  # the editor really rendered
    seen["practice"] = visit(practice.url)
    seen["search"] = visit(site_tree.index.url + "?q=work")
    page.goto(live_server.url + site_tree.index.url)  # the map: Leaflet, its tiles from MAP_TILES_URL
    page.wait_for_selector("#practice-map.leaflet-container img.leaflet-tile", state="attached")
    page.wait_for_load_state("networkidle")
    seen["map"] = page.evaluate("window.__violations")
    assert seen == {"dashboard": [], "editor": [], "practice": [], "search": [], "map": []}
    assert not [text for text in console if "Content Security Policy" in text], console
    context.close()
