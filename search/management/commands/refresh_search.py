"""``refresh_search``: Wagtail's index rebuild, the practice search documents, SQLite statistics and the
similar practices.

Django and Wagtail never run SQLite's ``ANALYZE``; without statistics the query planner picks bad plans
for the facet counts after a bulk load.
"""

from django.db import connection
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.documents import rebuild
from search.engine import answered_by_cluster
from search.similar import refresh_all


class Command(WagtailUpdateIndex):
    def handle(self, **options):
        super().handle(**options)
        documents = rebuild()
        if answered_by_cluster():
            from search.cluster import reindex

            reindex()
        analyse_database()
        count = refresh_all()
        if options.get("verbosity", 1):
            self.stdout.write(self.style.SUCCESS(f"Search documents written for {documents} practices."))
            self.stdout.write(self.style.SUCCESS(f"Similar practices computed for {count} practices."))


def analyse_database() -> None:
    """Refresh the query planner's statistics (SQLite ``ANALYZE``, PostgreSQL ``ANALYZE``)."""
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
