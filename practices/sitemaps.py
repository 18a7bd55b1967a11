"""The sitemap in every language.

Wagtail's sitemap lists the descendants of the site's root page, which is the English home page; the
German home page is its translation, a sibling in the page tree, so German pages were missing. This
sitemap lists the pages under every translation of the root and names each page's translations as
``hreflang`` alternates.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    def _roots(self) -> list[Page]:
        root = self.get_wagtail_site().root_page
        return [root, *root.get_translations()]

    def items(self):
        scope = Q()
        for root in self._roots():
            scope |= Q(path__startswith=root.path, depth__gte=root.depth)
        return Page.objects.live().public().filter(scope).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates: dict = defaultdict(list)
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in pages})
            .select_related("locale")
            .order_by("locale__language_code")
        )
        for translation in translations:
            alternates[translation.translation_key].append(
                {"lang_code": translation.locale.language_code, "location": translation.get_full_url(self.request)}
            )
        urls = []
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates[item.translation_key]) > 1:
                    url_info = {**url_info, "alternates": alternates[item.translation_key]}
                urls.append(url_info)
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
