"""Blank every stored address that is not http(s): sources, websites, resources, and the same in revisions.

Such addresses (``javascript:...``, ``data:...``) came in through imports before the fields were validated.
Draft revisions are cleaned too, so that a preview or a later publish cannot bring one back.
"""

from django.db import migrations

from practices.validators import is_http_url


def _clean_resources(stream) -> bool:
    changed = False
    for block in stream or []:
        value = block.get("value") if isinstance(block, dict) else None
        if isinstance(value, dict) and value.get("url") and not is_http_url(value["url"]):
            value["url"] = ""
            changed = True
    return changed


def blank_addresses(apps, schema_editor):
    for model_name, field_name in (("PracticeSource", "url"), ("Organisation", "website"), ("Programme", "website")):
        model = apps.get_model("practices", model_name)
        for pk, url in model.objects.exclude(**{field_name: ""}).values_list("pk", field_name):
            if not is_http_url(url):
                model.objects.filter(pk=pk).update(**{field_name: ""})

    PracticePage = apps.get_model("practices", "PracticePage")
    for page in PracticePage.objects.exclude(resources=[]).only("pk", "resources"):
        stream = page.resources.get_prep_value() if hasattr(page.resources, "get_prep_value") else page.resources
        if _clean_resources(stream):
            PracticePage.objects.filter(pk=page.pk).update(resources=stream)

    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    practice_type = ContentType.objects.filter(app_label="practices", model="practicepage").first()
    if practice_type is None:
        return
    for revision in Revision.objects.filter(content_type=practice_type).only("pk", "content"):
        content = revision.content or {}
        changed = False
        for source in content.get("sources") or []:
            if source.get("url") and not is_http_url(source["url"]):
                source["url"] = ""
                changed = True
        resources = content.get("resources")
        if isinstance(resources, str):
            import json

            stream = json.loads(resources or "[]")
            if _clean_resources(stream):
                content["resources"] = json.dumps(stream)
                changed = True
        elif _clean_resources(resources):
            changed = True
        if changed:
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_http_addresses_and_organisation_names"),
        ("wagtailcore", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(blank_addresses, migrations.RunPython.noop)]
