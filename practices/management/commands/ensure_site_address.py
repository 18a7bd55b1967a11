"""Point the default Wagtail site at ``WAGTAILADMIN_BASE_URL``: canonical, hreflang, API, card and oEmbed URLs
are built from it. Idempotent; `make setup` runs it, deployments should too."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


def site_address(base_url: str) -> tuple[str, int]:
    address = urlsplit(base_url)
    if address.scheme not in ("http", "https") or not address.hostname:
        raise ValueError(f"WAGTAILADMIN_BASE_URL must be an http(s) address, not {base_url!r}")
    return address.hostname, address.port or (443 if address.scheme == "https" else 80)


class Command(BaseCommand):
    help = "Set the default site's host and port from WAGTAILADMIN_BASE_URL (idempotent)."

    def handle(self, *args, **options):
        try:
            hostname, port = site_address(settings.WAGTAILADMIN_BASE_URL)
        except ValueError as error:
            raise CommandError(str(error)) from error
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet; run `manage.py load_demo` (or create one) first.")
        if (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"Site address: {site.root_url} (unchanged)")
            return
        site.hostname, site.port = hostname, port
        site.save()
        self.stdout.write(self.style.SUCCESS(f"Site address: {site.root_url}"))
