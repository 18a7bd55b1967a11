from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from importers import views


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import/", views.upload, name="importers_upload"),
        path("import/<uuid:token>/", views.status, name="importers_status"),
        path("import/<uuid:token>/progress/", views.status_json, name="importers_status_json"),
        path("import/<uuid:token>/confirm/", views.confirm, name="importers_confirm"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        from practices.models import PracticeIndexPage

        index = PracticeIndexPage.objects.first()
        return bool(index and index.permissions_for_user(request.user).can_add_subpage())


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import practices"), reverse("importers_upload"), icon_name="upload", order=210)
