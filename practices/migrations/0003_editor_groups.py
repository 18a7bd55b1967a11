"""Editors create, edit and submit practices; Moderators also publish. Both manage the snippets they need.

Wagtail's own migrations create both groups with page permissions on the root and the "Moderators
approval" workflow; this migration makes sure they exist on every installation and adds the snippet,
admin and translation permissions of this project.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_SNIPPETS = {
    "organisation": ["add", "change", "view"],
    "programme": ["add", "change", "view"],
    "theme": ["view"],
    "targetgroup": ["view"],
    "transferaudience": ["view"],
    "organisationtype": ["view"],
}
MODERATOR_SNIPPETS = {
    model: ["add", "change", "delete", "view"]
    for model in ("organisation", "programme", "theme", "targetgroup", "transferaudience", "organisationtype")
}


def ensure_groups(apps, schema_editor):
    # Permissions of new models are normally created after all migrations; this one needs them now.
    for label in ("practices", "wagtail_localize", "wagtailcore"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    def perm(app_label, codename):
        return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()

    root = Page.objects.filter(depth=1).first()
    for group_name, page_perms, snippet_perms in (
        ("Editors", EDITOR_PAGE_PERMISSIONS, EDITOR_SNIPPETS),
        ("Moderators", MODERATOR_PAGE_PERMISSIONS, MODERATOR_SNIPPETS),
    ):
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = [perm("wagtailadmin", "access_admin"), perm("wagtail_localize", "submit_translation")]
        for model, actions in snippet_perms.items():
            wanted += [perm("practices", f"{action}_{model}") for action in actions]
        group.permissions.add(*[p for p in wanted if p is not None])
        if root is not None:
            for codename in page_perms:
                permission = perm("wagtailcore", codename)
                if permission is not None:
                    GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_seed_vocabularies"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(ensure_groups, migrations.RunPython.noop)]
