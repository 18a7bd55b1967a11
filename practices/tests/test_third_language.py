"""A third language is configuration: settings, a Locale row and translated content, no code change."""

import pytest
from django.test import override_settings
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.models import Locale

from practices.localize import translate_page
from practices.tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français")]


def _clear_language_caches():
    get_content_languages.cache_clear()
    get_supported_content_language_variant.cache_clear()


@pytest.fixture
def french(site_tree):
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        _clear_language_caches()
        locale = Locale.objects.create(language_code="fr")
        translate_page(site_tree.home, locale, lambda page: setattr(page, "title", "Bonnes pratiques"))
        translate_page(site_tree.index, locale, lambda page: setattr(page, "title", "Pratiques"))
        yield locale
    _clear_language_caches()


def test_practice_index_and_practice_render_in_a_third_language(client, site_tree, french):
    page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work")
    page_fr, _ = translate_page(page, french, lambda p: setattr(p, "title", "Passerelle vers l'emploi"))
    assert page_fr.url == "/fr/practices/bridge-to-work/"

    index = client.get("/fr/practices/")
    assert index.status_code == 200
    html = index.content.decode()
    assert '<html lang="fr">' in html
    assert "Passerelle vers l&#x27;emploi" in html
    assert 'hreflang="fr"' in html

    practice = client.get(page_fr.url)
    assert practice.status_code == 200
    html = practice.content.decode()
    assert "<h1>Passerelle vers l&#x27;emploi" in html
    assert '<a href="/en/practices/bridge-to-work/" lang="en"' in html
    assert 'lang="de"' in html  # German is offered too, via its index as the practice is not in German
    assert '<link rel="alternate" hreflang="fr" href="http://localhost/fr/practices/bridge-to-work/">' in html


def test_browser_preferring_the_third_language_lands_there(client, french):
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response["Location"] == "/fr/"


def test_a_third_language_gets_vocabulary_region_and_country_names_from_data(client, site_tree, french, tmp_path):
    import yaml

    from practices.management.commands.load_vocabularies import sync_vocabularies
    from practices.vocabularies import VOCABULARIES_FILE

    data = yaml.safe_load(VOCABULARIES_FILE.read_text(encoding="utf-8"))
    for entry in data["themes"]:
        if entry["slug"] == "mentoring":
            entry["labels"]["fr"] = "Mentorat"
    labels = tmp_path / "vocabularies.yaml"
    labels.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES):
        counts = sync_vocabularies(labels)
        assert counts["translated"] > 0  # every term now has a French item (English label until translated)
        page = PracticePageFactory(parent=site_tree.index, title="Bridge to Work")
        page_fr, _ = translate_page(page, french, lambda p: setattr(p, "title", "Passerelle vers l'emploi"))
        html = client.get(page_fr.url).content.decode()
    assert "Mentorat" in html
    assert "Leipzig, Saxe, Allemagne" in html
