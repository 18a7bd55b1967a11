"""Who is asking: the client address behind the configured reverse proxies, and per-client limits.

``TRUSTED_PROXY_COUNT`` says how many proxies of our own stand in front of the application. Each of them
appends the address it received the request from to ``X-Forwarded-For``, so the client's address is the
``TRUSTED_PROXY_COUNT``-th entry from the right; everything further left was written by the client and
proves nothing. With no proxy (0) the client is ``REMOTE_ADDR``.

Limits are counted in the default cache, which production requires to be shared by all workers
(Redis via ``REDIS_URL``; ``practices.checks`` fails ``check --deploy`` otherwise).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

UNSPECIFIED = "0.0.0.0"  # noqa: S104 (a placeholder value, nothing listens on it)


def _address(value: str) -> str | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as the outermost trusted proxy saw it (also django-axes' client address)."""
    # No address at all (a request built in code, e.g. the test client's login): the unspecified address, which
    # an address column (django-axes on PostgreSQL) accepts where a word like "unknown" is refused.
    remote = _address(request.META.get("REMOTE_ADDR", "")) or UNSPECIFIED
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request skipped a proxy; the nearest address is all we know.
        return _address(forwarded[0]) or remote if forwarded else remote
    return _address(forwarded[-proxies]) or remote


def over_limit(scope: str, request: HttpRequest, limit: int, seconds: int) -> bool:
    """Count one request of this client in ``scope``; True once more than ``limit`` came within the window."""
    key = f"rate:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=seconds)  # starts the window; no-op while it runs
    try:
        count = cache.incr(key)  # atomic in Redis: workers share one count
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count > limit
