from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from practices.memo import memo

# Routes whose answer does not depend on the reader's Accept-Language: they are served in the default
# language (or in the one their ``?lang=`` asks for), with no ``Vary: Accept-Language``, so shared caches
# keep one copy. A 404 there is a 404, not a reason to try /en/<path>.
LANGUAGE_NEUTRAL = (
    "/api/",
    "/embed/",
    "/embed.js",
    "/oembed/",
    "/healthz/",
    "/documents/",
    "/static/",
    "/media/",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.ico",
    "/apple-touch-icon.png",
)
# Unprefixed routes that do follow Accept-Language (the admin's login page): they say so in Vary.
UNPREFIXED = ("/admin/",)


class PraxisLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, for the language-prefixed site only.

    Language-neutral routes are answered in the default language; the admin follows Accept-Language
    (or the editor's own choice) and varies on it, without the language-prefix redirect.
    """

    def process_request(self, request):
        if request.path_info.startswith(LANGUAGE_NEUTRAL):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        path = request.path_info
        if path.startswith(LANGUAGE_NEUTRAL):
            return response
        if path.startswith(UNPREFIXED):
            patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)


# The admin's policy differs where Wagtail needs it: inline scripts (inline panels, date pickers write
# <script> blocks with per-form data, so neither nonces nor hashes fit), inline <style>, blob: image
# previews while uploading, and the release check on the dashboard.
ADMIN_CSP = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "connect-src": [SELF, "https://releases.wagtail.org"],
}


class PraxisCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's relaxations on /admin/ (the rest of the policy is the site's)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.replace = {**ADMIN_CSP, **(parts.replace or {})}
        return parts


def request_memo(get_response):
    """Remember lookups that cannot change within a request (``practices.memo``)."""

    def middleware(request):
        with memo():
            return get_response(request)

    return middleware
