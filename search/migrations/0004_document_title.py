from django.db import migrations

from search.migrations._postgres_sql import on_postgresql

ADD_TITLE = (
    "ALTER TABLE practice_search_document ADD COLUMN IF NOT EXISTS title tsvector NOT NULL DEFAULT ''::tsvector;"
    # The title (A) of the documents already stored: no re-analysis needed.
    "UPDATE practice_search_document SET title = ts_filter(head, '{a}');"
    "CREATE INDEX IF NOT EXISTS practice_search_document_title_gin ON practice_search_document USING gin (title)"
)
DROP_TITLE = (
    "DROP INDEX IF EXISTS practice_search_document_title_gin;"
    "ALTER TABLE practice_search_document DROP COLUMN IF EXISTS title"
)


class Migration(migrations.Migration):
    dependencies = [("practice_search", "0003_document_head")]

    operations = [on_postgresql(ADD_TITLE, DROP_TITLE)]
