"""Per-client limits that hold behind a reverse proxy and across workers; login throttling on /admin/."""

import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from practices.clients import client_ip
from practices.tests.factories import ContactFactory, PracticePageFactory
from practices.views import REVEALS_PER_HOUR
from tests.test_health_and_settings import _redis_answers

ROOT = Path(__file__).resolve().parent.parent


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_client_is_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from("10.0.0.1", "203.0.113.9")) == "10.0.0.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the left entry was written by the client
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),  # came through one proxy only: the nearest address
        (1, "not-an-address", "10.0.0.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_behind_proxies_the_client_is_read_from_the_right(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


@pytest.fixture
def contact(site_tree):
    page = PracticePageFactory(parent=site_tree.index)
    return ContactFactory(page=page, email="ada@example.org", publish=True)


@pytest.mark.django_db
def test_reveals_are_limited_per_client_behind_a_proxy(client, settings, contact):
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("practices:reveal_contact", args=[contact.uuid])
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for number in range(REVEALS_PER_HOUR):
        # A client making up a new left-hand entry each time still has one bucket.
        response = client.post(url, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9", **proxy)
        assert response.status_code == 200
    limited = client.post(url, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert limited.status_code == 429 and limited["Retry-After"] == "3600"
    assert "ada@example.org" not in limited.content.decode()
    # Another visitor behind the same proxy is not limited by the first one.
    assert client.post(url, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 200


def test_the_limit_is_shared_by_processes_through_redis():
    if not _redis_answers():
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    prefix = f"praxis-test-{uuid.uuid4().hex}"
    code = (
        "import django, sys; django.setup();"
        "from django.test import RequestFactory; from practices.clients import over_limit;"
        "request = RequestFactory().get('/', REMOTE_ADDR='203.0.113.9');"
        "print(sum(over_limit('test', request, 3, 60) for _ in range(int(sys.argv[1]))))"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.test",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "CACHE_KEY_PREFIX": prefix,
    }

    def worker(requests: int) -> str:
        result = subprocess.run(
            [sys.executable, "-c", code, str(requests)], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout.strip()

    assert worker(3) == "0"  # within the limit in the first worker
    assert worker(2) == "2"  # a second worker sees the same count


LOGIN = "/admin/login/"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editor", "editor@example.org", "right-password", is_staff=True)


@pytest.mark.django_db
def test_admin_login_locks_out_a_user_and_address_after_repeated_failures(client, settings, editor, caplog):
    settings.TRUSTED_PROXY_COUNT = 0
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN, {"username": "editor", "password": "wrong"}, **attacker)
        assert response.status_code == 200  # the form again, with an error
    with caplog.at_level(logging.WARNING, logger="axes"):
        locked = client.post(LOGIN, {"username": "editor", "password": "wrong"}, **attacker)
    assert locked.status_code == 429
    assert any("locking out" in record.getMessage().lower() for record in caplog.records)
    # Locked out even with the right password, from that address...
    assert client.post(LOGIN, {"username": "editor", "password": "right-password"}, **attacker).status_code == 429
    assert AccessAttempt.objects.filter(username="editor", ip_address="203.0.113.9").exists()
    # ...but the editor can still log in from their own address.
    own = client.post(LOGIN, {"username": "editor", "password": "right-password"}, REMOTE_ADDR="198.51.100.7")
    assert own.status_code == 302 and own["Location"].startswith("/admin/")


@pytest.mark.django_db
def test_a_successful_login_is_not_throttled(client, editor):
    client.post(LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="198.51.100.7")
    response = client.post(LOGIN, {"username": "editor", "password": "right-password"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
