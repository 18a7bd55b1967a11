"""Fixtures shared by every app's tests."""

from types import SimpleNamespace

import pytest


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """German rendering is tested on a fresh clone too: compile the .po catalogues (the .mo are not committed).

    Runs before any test activates a language, so Django loads the fresh catalogues.
    """
    import io

    from django.core.management import call_command

    call_command("compile_translations", stdout=io.StringIO())


@pytest.fixture
def site_tree(db):
    """The site structure `make setup` creates: home and practice index in English and German."""
    from practices.demo.loader import ensure_site_structure

    home, index = ensure_site_structure()
    return SimpleNamespace(
        home=home,
        index=index,
        home_de=home.get_translation(_locale("de")).specific,
        index_de=index.get_translation(_locale("de")).specific,
    )


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate limits, cached cards)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
