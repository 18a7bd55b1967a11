from django.urls import path

from practices import views

app_name = "practices"

urlpatterns = [
    path("contacts/<uuid:contact_uuid>/reveal/", views.reveal_contact, name="reveal_contact"),
]
