from django.db import migrations

from search.migrations._postgres_sql import on_postgresql

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


class Migration(migrations.Migration):
    dependencies = [("practice_search", "0002_search_documents")]

    operations = [on_postgresql(ADD_HEAD, DROP_HEAD)]
