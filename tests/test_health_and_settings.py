"""Project-level behaviour: the health check and the production settings.

Settings are evaluated at import time, so these tests run Django in a subprocess with the environment
under test: a real process start, no patched settings or database.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db
def test_healthz_answers_200_with_a_database(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable():
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz/');"
        "print(r.status_code, r.json()['database'])"
    )
    result = run_django(
        code,
        DJANGO_SETTINGS_MODULE="kb.settings.test",
        # Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing",
    )
    assert result.stdout.strip() == "503 unreachable", result.stderr[-2000:]


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_django(
        "import django; django.setup()", DJANGO_SETTINGS_MODULE="kb.settings.production", ALLOWED_HOSTS="a.example"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = run_django(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        DJANGO_SETTINGS_MODULE="kb.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="praxis.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "no issues" in result.stdout


def test_check_deploy_fails_with_a_per_process_cache():
    result = run_django(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy'])",
        DJANGO_SETTINGS_MODULE="kb.settings.production",
        SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="praxis.example.org",
    )
    assert result.returncode != 0
    assert "practices.E001" in result.stderr and "REDIS_URL" in result.stderr


def test_database_url_switches_to_postgresql():
    result = run_django(
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
        DJANGO_SETTINGS_MODULE="kb.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/praxis_example",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "praxis_example"]


def test_redis_url_switches_the_cache_to_redis():
    result = run_django(
        "import django; django.setup(); from django.conf import settings;print(settings.CACHES['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="kb.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.strip() == "django_redis.cache.RedisCache"


def test_search_cluster_url_switches_the_search_backend():
    result = run_django(
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="kb.settings.dev",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert result.stdout.strip() == "modelsearch.backends.elasticsearch9"


def _redis_answers() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_the_redis_cache_really_stores_values():
    if not _redis_answers():
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    result = run_django(
        "import django; django.setup(); from django.core.cache import cache;"
        "cache.set('praxis-test-key', 'stored', 10); print(cache.get('praxis-test-key'));"
        "cache.delete('praxis-test-key')",
        DJANGO_SETTINGS_MODULE="kb.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.strip() == "stored", result.stderr[-2000:]


@pytest.mark.django_db
def test_unknown_admin_and_api_paths_are_404_not_language_redirects(client):
    for path in ("/admin/no-such-page/", "/api/no-such-endpoint/", "/healthz/nope/"):
        assert client.get(path).status_code in (302, 404), path
        assert not client.get(path).get("Location", "").startswith("/en/"), path
