"""Atom feeds: the newest practices matching any search, and all new and updated practices per language.

A search feed takes the search page's parameters (``/en/feeds/practices/?q=…&theme=…``); its entries are
the newest matches, whatever the page's sort. Entry ids are the practice addresses, so a reader shows a
practice once; in the updates feed the id carries the publication time, so each update is a new entry.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from follow.describe import describe_search
from follow.records import public_practices
from practices.models import PracticeIndexPage, PracticePage
from search.engine import SearchParams, matching_ids, parse_params
from search.page import query_string

FEED_SIZE = 20


def newest_matching(params: SearchParams, locale: Locale, limit: int = FEED_SIZE) -> list[PracticePage]:
    newest = SearchParams(q=params.q, filters=params.filters, sort="newest")
    ids = matching_ids(newest, locale, limit=limit)
    pages = {page.pk: page for page in public_practices().filter(pk__in=ids).select_related("locale")}
    return [pages[pk] for pk in ids if pk in pages]


def search_page_url(request: HttpRequest, locale: Locale, params: SearchParams) -> str:
    index = PracticeIndexPage.objects.live().filter(locale=locale).first()
    base = index.get_full_url(request) if index else request.build_absolute_uri(f"/{locale.language_code}/")
    query = query_string(params)
    return f"{base}?{query}" if query else base


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest) -> dict:
        params = parse_params(request.GET, strict=False)
        locale = Locale.get_active()
        return {"params": params, "locale": locale, "request": request}

    def title(self, obj: dict) -> str:
        return _("Praxis: %(search)s") % {"search": describe_search(obj["params"])}

    def subtitle(self, obj: dict) -> str:
        return _("The newest practices matching this search.")

    def link(self, obj: dict) -> str:
        return search_page_url(obj["request"], obj["locale"], obj["params"])

    def feed_url(self, obj: dict) -> str:
        return obj["request"].build_absolute_uri()

    def items(self, obj: dict) -> list[PracticePage]:
        return newest_matching(obj["params"], obj["locale"])

    def item_title(self, item: PracticePage) -> str:
        return item.title

    def item_description(self, item: PracticePage) -> str:
        return item.summary

    def item_link(self, item: PracticePage) -> str:
        return item.full_url

    def item_guid(self, item: PracticePage) -> str:
        return item.full_url

    def item_pubdate(self, item: PracticePage):
        return item.first_published_at

    def item_updateddate(self, item: PracticePage):
        return item.last_published_at


class UpdatesFeed(SearchFeed):
    """Every practice published or republished in a language, newest change first."""

    def get_object(self, request: HttpRequest) -> dict:
        return {"params": SearchParams(), "locale": Locale.get_active(), "request": request}

    def title(self, obj: dict) -> str:
        return _("Praxis: new and updated practices")

    def subtitle(self, obj: dict) -> str:
        return _("Every practice as it is published or updated.")

    def link(self, obj: dict) -> str:
        return obj["request"].build_absolute_uri(reverse("follow:data"))

    def items(self, obj: dict) -> list[PracticePage]:
        practices = public_practices().filter(locale=obj["locale"]).select_related("locale")
        return list(practices.order_by("-last_published_at", "-pk")[:50])

    def item_guid(self, item: PracticePage) -> str:
        # One id per published version: two publishes within the same second are two entries.
        if item.live_revision_id:
            return f"{item.full_url}#revision-{item.live_revision_id}"
        stamp = item.last_published_at.strftime("%Y%m%dT%H%M%S.%f") if item.last_published_at else "0"
        return f"{item.full_url}#updated-{stamp}"

    def item_pubdate(self, item: PracticePage):
        return item.last_published_at
