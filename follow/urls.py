"""Language-prefixed routes of the follow app (included in ``i18n_patterns`` before Wagtail's pages)."""

from django.urls import path

from follow import views_export
from follow.feeds import SearchFeed, UpdatesFeed

app_name = "follow"

urlpatterns = [
    path("export/practices.<str:fmt>", views_export.export, name="export"),
    path("data/", views_export.data_page, name="data"),
    path("feeds/practices/", SearchFeed(), name="search_feed"),
    path("feeds/updates/", UpdatesFeed(), name="updates_feed"),
]
