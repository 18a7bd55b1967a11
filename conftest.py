"""Fixtures shared by every app's tests."""

import shutil
from types import SimpleNamespace

import pytest
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """German rendering is tested on a fresh clone too: compile the .po catalogues (the .mo are not committed).

    Runs before any test activates a language, so Django loads the fresh catalogues.
    """
    import io

    from django.core.management import call_command

    call_command("compile_translations", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The vocabularies are data, loaded by the same command as `make setup` (not by a migration)."""
    import io

    from django.core.management import call_command
    from django.db import connections

    with django_db_blocker.unblock():
        call_command("load_vocabularies", stdout=io.StringIO())
        # Tests with serialized_rollback restore this snapshot after flushing: include the vocabularies.
        for connection in connections.all():
            if getattr(connection, "_test_serialized_contents", None) is not None:
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


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
    """Each test starts with an empty cache (rate limits, cached cards) and no facet index.

    A test's rollback takes the content version back, so what a process derived from it must go too.
    """
    from django.core.cache import cache

    from cards.cache import _worker as card_cache
    from search.facet_index import worker as facet_index

    def clear():
        cache.clear()
        card_cache.local.clear()
        facet_index.index = None

    clear()
    yield
    clear()


@pytest.fixture
def browser(monkeypatch):
    """Debian's headless Chromium driven by Playwright (never a browser Playwright downloads itself)."""
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import expect, sync_playwright

    # A busy CI machine (two cores, two test workers) can take longer than Playwright's 5 s default to
    # re-render search results; waiting longer changes no assertion, it only stops timing flakes.
    expect.set_options(timeout=20_000)

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls stay synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
        # Inside Playwright's block the ORM runs in another context, so it opened its own database
        # connections; closed here, or PostgreSQL refuses to drop the test database at the end.
        connections.close_all()
