"""What every visitor, crawler and sharer meets: robots.txt, icons, API docs, social tags, the site's address."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Site

from practices.tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize(
    ("path", "content_type"), [("/favicon.ico", "image/x-icon"), ("/apple-touch-icon.png", "image/png")]
)
def test_icons(client, path, content_type):
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert len(response.content) > 500


def test_api_docs_answer_with_and_without_slash(client):
    assert client.get("/api/docs").status_code == 200
    response = client.get("/api/docs/")
    assert response.status_code == 301 and response["Location"] == "/api/docs"


def test_practice_pages_carry_open_graph_and_twitter_tags(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work", slug="bridge-to-work")
    html = client.get(page.url).content.decode()
    assert '<meta property="og:title" content="Bridge to Work">' in html
    assert '<meta property="og:url" content="http://localhost/en/practices/bridge-to-work/">' in html
    assert '<meta property="og:image" content="http://localhost/static/img/praxis-512.png">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<meta property="og:description" content="Helps newcomers find work' in html
    assert 'media="print"' in html and "print.css" in html


def test_absolute_urls_come_from_the_configured_site(client, site_tree):
    with override_settings(WAGTAILADMIN_BASE_URL="https://praxis.example.org"):
        call_command("ensure_site_address", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://praxis.example.org"
    page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work", slug="bridge-to-work")
    html = client.get(page.url, HTTP_HOST="praxis.example.org").content.decode()
    assert '<link rel="canonical" href="https://praxis.example.org/en/practices/bridge-to-work/">' in html


def test_in_development_absolute_urls_follow_the_request_host(client, site_tree):
    page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work", slug="bridge-to-work")
    with override_settings(DEBUG=True):
        html = client.get(page.url, HTTP_HOST="127.0.0.1:8010").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8010/en/practices/bridge-to-work/">' in html
