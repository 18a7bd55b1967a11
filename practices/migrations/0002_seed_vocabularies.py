"""Seed the taxonomy snippets from practices/vocabularies.py: an English item and its German translation."""

import uuid

from django.db import migrations

MODELS = {
    "target_groups": "TargetGroup",
    "themes": "Theme",
    "organisation_types": "OrganisationType",
    "transfer_audiences": "TransferAudience",
}


def seed(apps, schema_editor):
    from practices.vocabularies import VOCABULARIES

    Locale = apps.get_model("wagtailcore", "Locale")
    english, _ = Locale.objects.get_or_create(language_code="en")
    german, _ = Locale.objects.get_or_create(language_code="de")
    for vocabulary, model_name in MODELS.items():
        model = apps.get_model("practices", model_name)
        for term in VOCABULARIES[vocabulary]:
            if model.objects.filter(slug=term.slug, locale=english).exists():
                continue
            extra = {"category": term.category} if model_name == "TargetGroup" else {}
            key = uuid.uuid4()
            synonyms = "\n".join(term.synonyms)
            model.objects.create(
                translation_key=key, locale=english, slug=term.slug, name=term.en, synonyms=synonyms, **extra
            )
            model.objects.get_or_create(
                slug=term.slug,
                locale=german,
                defaults={"translation_key": key, "name": term.de, "synonyms": synonyms, **extra},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
