"""Language-prefixed routes of the follow app (included in ``i18n_patterns`` before Wagtail's pages)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from follow import views_alerts, views_export, views_suggest
from follow.feeds import SearchFeed, UpdatesFeed

app_name = "follow"

urlpatterns = [
    path("export/practices.<str:fmt>", views_export.export, name="export"),
    path("data/", views_export.data_page, name="data"),
    path("feeds/practices/", SearchFeed(), name="search_feed"),
    path("feeds/updates/", UpdatesFeed(), name="updates_feed"),
    path("alerts/", views_alerts.subscribe, name="subscribe"),
    path("alerts/confirm/<str:token>/", views_alerts.confirm, name="alert_confirm"),
    path("alerts/manage/<str:token>/", views_alerts.manage, name="alert_manage"),
    path("alerts/unsubscribe/<str:token>/", views_alerts.unsubscribe, name="alert_unsubscribe"),
    # Translated paths: /en/suggest/, /de/vorschlagen/.
    path(_("suggest/"), views_suggest.suggest, name="suggest"),
    path(_("suggest/thanks/"), views_suggest.suggest_thanks, name="suggest_thanks"),
    path(_("suggest/criteria/"), views_suggest.criteria, name="criteria"),
    path(_("suggest/withdraw/<str:token>/"), views_suggest.suggest_withdraw, name="suggest_withdraw"),
]
