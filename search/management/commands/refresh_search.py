"""``refresh_search``: Wagtail's index rebuild (the admin's search), the practice search documents, the
database statistics and the similar practices, each with progress lines.

Django and Wagtail never run SQLite's ``ANALYZE``; without statistics the query planner picks bad plans
for the facet counts after a bulk load. ``--skip-wagtail-index`` leaves the admin's index as it is (the
public search does not read it).
"""

import time

from django.db import connection
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search.documents import rebuild
from search.engine import answered_by_cluster
from search.progress import Progress
from search.similar import refresh_all


class Command(WagtailUpdateIndex):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--skip-wagtail-index", action="store_true", help="Leave Wagtail's own (admin) search index as it is"
        )

    def handle(self, **options):
        verbose = options.get("verbosity", 1) > 0
        started = time.monotonic()
        if not options["skip_wagtail_index"]:
            super().handle(**options)
        out = self.stdout if verbose else _Silent()
        documents = rebuild(progress=Progress(out, "search documents"))
        if answered_by_cluster():
            from search.cluster import reindex

            reindex()
        analyse_database()
        count = refresh_all(progress=Progress(out, "similar practices"))
        if verbose:
            self.stdout.write(self.style.SUCCESS(f"Search documents written for {documents} practices."))
            self.stdout.write(self.style.SUCCESS(f"Similar practices computed for {count} practices."))
            self.stdout.write(f"refresh_search took {time.monotonic() - started:.0f} s.")


class _Silent:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


def analyse_database() -> None:
    """Refresh the query planner's statistics (SQLite ``ANALYZE``, PostgreSQL ``ANALYZE``)."""
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
