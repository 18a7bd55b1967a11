from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cards import urls as cards_urls
from follow import urls as follow_urls
from follow.api import router as follow_api_router
from kb.views import healthz
from practices import site_files
from practices import urls as practices_urls
from practices.sitemaps import LocalizedSitemap
from search.api import api as search_api
from transfer import urls as transfer_urls

search_api.add_router("", follow_api_router)  # /api/practices/: full records beside the search

handler500 = "kb.errors.server_error"  # 503 with Retry-After while the database is down

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("robots.txt", site_files.robots_txt, name="robots_txt"),
    path("favicon.ico", site_files.favicon_ico, name="favicon"),
    path("apple-touch-icon.png", site_files.apple_touch_icon, name="apple_touch_icon"),
    path("", include(cards_urls)),  # embeds take the language as ?lang=, not as a URL prefix
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LocalizedSitemap}}, name="sitemap"),
    path("api/docs/", RedirectView.as_view(url="/api/docs", permanent=True)),  # ninja serves it without a slash
    path("api/", search_api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(practices_urls)),
    path("", include(transfer_urls)),
    path("", include(follow_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
