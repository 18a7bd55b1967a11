from django.middleware.locale import LocaleMiddleware

# Routes outside i18n_patterns: a 404 there is a 404, not a reason to try /en/<path>.
UNPREFIXED = (
    "/admin/",
    "/api/",
    "/embed/",
    "/oembed/",
    "/healthz/",
    "/documents/",
    "/static/",
    "/media/",
)


class PraxisLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its language-prefix redirect for unprefixed routes."""

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
