from django.urls import path

from transfer import views

app_name = "transfer"

urlpatterns = [
    path("compare/", views.compare, name="compare"),
    path("check/<slug:slug>/", views.check, name="check"),
    path("map/clusters/", views.map_clusters, name="map_clusters"),
]
