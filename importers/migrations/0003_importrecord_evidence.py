from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("importers", "0002_import_fields_review_http_addresses"),
    ]

    operations = [
        migrations.AddField(
            model_name="importrecord",
            name="evidence",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="Per extracted fact: the field or sentence of the source it came from, and a confidence.",
                verbose_name="evidence",
            ),
        ),
    ]
