"""Formerly seeded the vocabularies by importing live code (practices/vocabularies.py).

Migrations must not depend on code that changes later, so this is now a no-op: the vocabularies are data
(``practices/data/vocabularies.yaml``) loaded by ``manage.py load_vocabularies``, which ``make setup`` and
the test fixtures run. There was no production data, so nothing needs replaying.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
