"""Unprefixed routes either do not depend on Accept-Language (no Vary, default language) or say that they do."""

import pytest

pytestmark = pytest.mark.django_db


def test_embed_js_does_not_vary_on_accept_language(client):
    english = client.get("/embed.js", HTTP_ACCEPT_LANGUAGE="en")
    german = client.get("/embed.js", HTTP_ACCEPT_LANGUAGE="de")
    assert english.content == german.content
    assert "Accept-Language" not in english.get("Vary", "") and "Content-Language" not in english


def test_card_errors_are_in_the_default_language_whatever_the_browser_asks(client):
    response = client.get("/embed/practices/x/", {"theme": "neon"}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "must be one of" in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_admin_login_follows_accept_language_and_says_so(client):
    german = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="de")
    assert "Accept-Language" in german["Vary"]
    assert 'lang="de"' in german.content.decode()
