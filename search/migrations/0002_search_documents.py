from django.db import migrations, models

SQLITE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS practice_search_fts USING fts5("
    "title, labels, body, tokenize='unicode61 remove_diacritics 0')",
    "DROP TABLE IF EXISTS practice_search_fts",
)
POSTGRES = (
    "CREATE TABLE IF NOT EXISTS practice_search_document (page_id bigint PRIMARY KEY, document tsvector NOT NULL);"
    "CREATE INDEX IF NOT EXISTS practice_search_document_gin ON practice_search_document USING gin (document)",
    "DROP TABLE IF EXISTS practice_search_document",
)


def create_storage(apps, schema_editor):
    """The document store of the database's practice search backend (see search/backends/)."""
    sql = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql[0])


def drop_storage(apps, schema_editor):
    sql = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql[1])


class Migration(migrations.Migration):
    dependencies = [("practice_search", "0001_similar_practices")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=8)),
                ("word", models.CharField(max_length=64)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
                "unique_together": {("language", "word")},
            },
        ),
        migrations.RunPython(create_storage, drop_storage),
    ]
