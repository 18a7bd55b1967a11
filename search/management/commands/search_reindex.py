"""``search_reindex``: a new index per language on the search cluster, then the aliases switched.

Builds ``<prefix>-<lang>-<timestamp>`` with bulk requests (no refresh, no replicas while it fills), sets
the refresh interval and replicas, switches ``<prefix>-<lang>`` to it in one ``update_aliases`` call and
deletes the old index. Searches use the old index until the switch, so nothing is down. Changes made
during the build are applied afterwards from the change feed (``search.cluster.sync``).
"""

from django.core.management.base import BaseCommand, CommandError

from search.engine import answered_by_cluster


class Command(BaseCommand):
    help = "Rebuild the search cluster's index of each language and switch its alias (no downtime)."

    def add_arguments(self, parser):
        parser.add_argument("--replicas", type=int, default=1, help="Replicas once built (default 1).")
        parser.add_argument("--shards", type=int, default=1, help="Primary shards per language index (default 1).")

    def handle(self, **options):
        if not answered_by_cluster():
            raise CommandError("No search cluster configured (ELASTICSEARCH_URL or OPENSEARCH_URL).")
        from search.cluster import reindex

        def progress(done: int, total: int) -> None:
            if options["verbosity"]:
                self.stdout.write(f"\r{done}/{total} practices", ending="")
                self.stdout.flush()

        new = reindex(replicas=options["replicas"], shards=options["shards"], progress=progress)
        if options["verbosity"]:
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS("Aliases switched to " + ", ".join(new.values())))
