"""Language-prefixed routes of the follow app (included in ``i18n_patterns`` before Wagtail's pages)."""

from django.urls import path

from follow import views_export

app_name = "follow"

urlpatterns = [
    path("export/practices.<str:fmt>", views_export.export, name="export"),
    path("data/", views_export.data_page, name="data"),
]
