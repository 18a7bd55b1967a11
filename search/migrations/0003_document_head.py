from django.db import migrations

ADD_HEAD = (
    "ALTER TABLE practice_search_document ADD COLUMN IF NOT EXISTS head tsvector NOT NULL DEFAULT ''::tsvector;"
    # The title (A) and labels (B) of the documents already stored: no re-analysis needed.
    "UPDATE practice_search_document SET head = ts_filter(document, '{a,b}');"
    "CREATE INDEX IF NOT EXISTS practice_search_document_head_gin ON practice_search_document USING gin (head)"
)
DROP_HEAD = (
    "DROP INDEX IF EXISTS practice_search_document_head_gin;"
    "ALTER TABLE practice_search_document DROP COLUMN IF EXISTS head"
)


def add_head(apps, schema_editor):
    """PostgreSQL: the title-and-labels part of each search document, for the first ranking tiers."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_HEAD)


def drop_head(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_HEAD)


class Migration(migrations.Migration):
    dependencies = [("practice_search", "0002_search_documents")]

    operations = [migrations.RunPython(add_head, drop_head)]
