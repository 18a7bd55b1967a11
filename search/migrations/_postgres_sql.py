"""Raw SQL that only PostgreSQL's search document table needs (the loader skips modules named ``_*``)."""

from django.db import migrations


def on_postgresql(forward: str, backward: str) -> migrations.RunPython:
    """Run ``forward`` (and ``backward`` when unapplied) on PostgreSQL; nothing on other databases."""

    def run(sql: str):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return operation

    return migrations.RunPython(run(forward), run(backward))
