"""Embed routes, outside i18n_patterns: the language is the ``lang`` query parameter."""

from django.conf import settings
from django.urls import path

from cards import views

app_name = "cards"

urlpatterns = [
    path("embed/practices/<str:ident>/", views.card, name="card"),
    path("embed.js", views.embed_js, name="script"),
    path("oembed/", views.oembed, name="oembed"),
    path("api/practices/<int:pk>/card/", views.card_json, name="card_json"),
]

if settings.EMBEDS_PING_VIEW:
    urlpatterns.append(path("embed/ping/", views.ping, name="ping"))
