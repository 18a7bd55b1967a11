"""The card: content, options, escaping, size, and the headers that make it safe to frame."""

import pytest
from django.urls import reverse

from cards.tests.factories import card_practice
from practices.tests.test_admin import make_user, practice_form

pytestmark = pytest.mark.django_db


def card(client, ident, **params):
    return client.get(reverse("cards:card", args=[ident]), params)


def test_card_shows_the_practice_and_links_to_the_canonical_page(client, practice):
    response = card(client, practice.slug)
    assert response.status_code == 200
    html = response.content.decode()
    for fact in (
        "Bridge to Work Leipzig",
        "Leipzig, Saxony, Germany",
        "2016–2021",
        "Ended",
        "Mentoring",
        "Helps newcomers find work",
        "Funded by European Social Fund",
    ):
        assert fact in html, fact
    link = f'<a href="{practice.full_url}" target="_blank" rel="noopener">Read the full practice</a>'
    assert link in html
    assert 'class="practice-card practice-card--compact"' in html  # the site's card component


def test_card_by_id_and_by_slug_are_the_same(client, practice):
    assert card(client, str(practice.pk)).content == card(client, practice.slug).content


def test_card_never_shows_contacts(client, practice):
    for variant in ("compact", "full"):
        html = card(client, practice.slug, variant=variant).content.decode()
        assert "Secret Person" not in html
        assert "secret.person@example.org" not in html


def test_card_options(client, practice, practice_de):
    dark_full = card(client, practice.slug, lang="de", theme="dark", variant="full", max_width=320).content.decode()
    assert '<html lang="de">' in dark_full
    assert "Brücke in Arbeit Leipzig" in dark_full
    assert practice_de.full_url in dark_full and "/de/practices/" in practice_de.full_url
    assert "theme-dark" in dark_full
    assert "practice-card--full" in dark_full
    assert "Jobcenter Leipzig" in dark_full  # the full variant adds the implementing organisation
    assert "max-width: 320px" in dark_full
    english = card(client, practice.slug, lang="en").content.decode()
    assert "Bridge to Work Leipzig" in english and "theme-light" in english and "Jobcenter Leipzig" not in english


def test_card_falls_back_to_the_original_when_no_translation_exists(client, practice):
    response = card(client, practice.slug, lang="de")
    assert response.status_code == 200
    assert "Bridge to Work Leipzig" in response.content.decode()
    assert response["Content-Language"] == "de"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lang": "fr"}, "lang must be one of: en, de."),
        ({"theme": "pink"}, "theme must be one of: light, dark."),
        ({"variant": "huge"}, "variant must be one of: compact, full."),
        ({"max_width": "wide"}, "max_width must be a whole number from 200 to 1600."),
        ({"max_width": "99999"}, "max_width must be a whole number from 200 to 1600."),
    ],
)
def test_bad_options_get_a_clear_400(client, practice, params, message):
    response = card(client, practice.slug, **params)
    assert response.status_code == 400
    assert response.content.decode() == message


def test_card_is_small_and_self_contained(client, practice):
    practice.summary = "Word " * 110
    practice.save_revision().publish()
    for variant in ("compact", "full"):
        response = card(client, practice.slug, variant=variant)
        assert len(response.content) < 30 * 1024
        html = response.content.decode()
        assert "<style>" in html and "<link" not in html  # inline CSS, nothing to fetch
        assert "src=" not in html  # no images, scripts or frames from anywhere
        assert "wagtail-userbar" not in html and "userbar" not in html


def test_title_with_markup_renders_as_text(client, site_tree):
    page = card_practice(site_tree.index, title="<script>alert('x')</script> & Co", slug="markup")
    html = card(client, page.slug).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in html


def test_card_sets_no_cookie_and_does_not_vary_on_cookie(client, practice):
    client.cookies.clear()
    response = card(client, practice.slug)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.get("Vary", "")
    assert "X-Frame-Options" not in response.headers


def test_card_may_be_framed_by_any_site_by_default(client, practice):
    csp = card(client, practice.slug)["Content-Security-Policy"]
    assert "frame-ancestors *" in csp
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_frame_ancestors_follow_the_allow_list(client, practice, settings):
    settings.EMBEDS_FRAME_ANCESTORS = ["https://partner.example", "https://city.example"]
    csp = card(client, practice.slug)["Content-Security-Policy"]
    assert csp.endswith("frame-ancestors 'self' https://partner.example https://city.example")
    assert '["https://partner.example", "https://city.example"]' in card(client, practice.slug).content.decode()


def test_the_allow_list_is_checked(settings):
    from cards.checks import check_frame_ancestors

    settings.EMBEDS_FRAME_ANCESTORS = ["https://ok.example", "x; script-src *"]
    errors = check_frame_ancestors(None)
    assert [error.id for error in errors] == ["cards.E001"]
    assert "x; script-src *" in errors[0].msg


def test_other_pages_refuse_to_be_framed(client, practice):
    for url in (practice.url, "/en/", "/healthz/", "/oembed/?url=x", reverse("cards:card_json", args=[practice.pk])):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        # The site-wide policy (kb.settings CONTENT_SECURITY_POLICY) allows framing by the site itself only.
        assert "frame-ancestors *" not in response.get("Content-Security-Policy", ""), url


def test_admin_preview_can_still_be_framed_by_the_admin(client, site_tree, django_user_model):
    client.force_login(make_user(django_user_model, "editor", "Editors"))
    preview_url = reverse("wagtailadmin_pages:preview_on_add", args=["practices", "practicepage", site_tree.index.pk])
    assert client.post(preview_url, practice_form()).json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    html = response.content.decode()
    assert "Welcome Mentors Chemnitz" in html
    assert "Embed this practice" not in html  # a draft in preview is not embeddable
