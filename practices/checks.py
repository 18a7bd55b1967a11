"""Deployment checks (``manage.py check --deploy``) for what the per-client limits rely on."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[Error]:
    """Rate limits count in the default cache: one per process would multiply them by the workers."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Error(
                f"The default cache ({backend}) is per process: rate limits (contact reveals) would be counted "
                "per worker and forgotten on restart.",
                hint="Set REDIS_URL to a Redis server shared by all workers.",
                id="practices.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_proxy_count(app_configs, **kwargs) -> list[Error]:
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not isinstance(count, int) or count < 0:
        return [Error("TRUSTED_PROXY_COUNT must be a whole number, 0 or more.", id="practices.E002")]
    return []
