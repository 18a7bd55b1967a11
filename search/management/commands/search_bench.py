"""``make bench``: build a separate benchmark database of synthetic practices and time the search.

Refuses to run unless the database name contains "bench", so it never fills a real database.
"""

import io
import json
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.backends.base.base import BaseDatabaseWrapper

from practices.models import PracticePage
from search.bench.data import create_practices
from search.bench.measure import index_size_row, rows_as_dicts, run_benchmark, run_map_benchmark
from search.documents import rebuild
from search.management.commands.refresh_search import analyse_database
from search.progress import Progress
from search.similar import refresh_all


class Command(BaseCommand):
    help = "Benchmark the practice search on a separate database of synthetic practices."

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, default=10_000)
        parser.add_argument("--requests", type=int, default=100)
        parser.add_argument("--json", default="", help="Where to write the results (default bench-<database>.json)")
        parser.add_argument(
            "--map-only", action="store_true", help="Only the map's rows; no full-text index is built (make bench-map)"
        )

    def handle(self, **options):
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name:
            raise CommandError(f"The database {name!r} is not a benchmark database (its name must contain 'bench').")
        if create_missing_database(name):
            self.stdout.write(f"Created the PostgreSQL database {name!r}.")
        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_vocabularies", stdout=self.stdout if options["verbosity"] > 1 else io.StringIO())
        started = time.perf_counter()
        created = create_practices(options["practices"], progress=Progress(self.stdout, "practices created"))
        if created and options["map_only"]:
            self.stdout.write(f"Created {created} practices in {time.perf_counter() - started:.0f} s.")
        elif created:
            self.stdout.write(f"Created {created} practices in {time.perf_counter() - started:.0f} s; indexing…")
            started = time.perf_counter()
            # Wagtail's own index serves only the admin's search: not built here (refresh_search builds it).
            rebuild(progress=Progress(self.stdout, "search documents"))
            self.stdout.write(f"Indexed in {time.perf_counter() - started:.0f} s; similar practices…")
            started = time.perf_counter()
            refresh_all(progress=Progress(self.stdout, "similar practices"))
            self.stdout.write(f"Similar practices computed in {time.perf_counter() - started:.0f} s.")
            # Timed in the process that generated the database, every figure came out 20–40% slower than
            # in a fresh one (10,000 practices, (a): 69.9 against 50.1 ms); a web worker starts fresh too.
            self.stdout.write("Measuring in a fresh process…")
            connection.close()
            command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "search_bench"]
            command += ["--practices", str(options["practices"]), "--requests", str(options["requests"])]
            command += ["--json", options["json"]] if options["json"] else []
            raise SystemExit(subprocess.run(command, check=False).returncode)
        analyse_database()
        total = PracticePage.objects.live().count()
        if options["map_only"]:
            rows = run_map_benchmark(options["requests"])
        else:
            rows = run_benchmark(options["requests"]) + [index_size_row()]

        self.stdout.write(f"\n{connection.vendor}, {total} live practices, {options['requests']} requests per row\n")
        self.stdout.write(f"{'measurement':<46} {'median ms':>10} {'p95 ms':>9} {'target':>8} {'met':>4} {'× raw':>7}")
        lower = next((row.median_ms for row in rows if row.name.startswith("lower bound")), 0) or 0.001
        for row in rows:
            self.stdout.write(
                f"{row.name:<46} {row.median_ms:>10.1f} {row.p95_ms:>9.1f} {row.target:>8} {row.meets:>4} "
                f"{row.median_ms / lower:>7.1f}"
            )
        path = Path(options["json"] or f"bench-{connection.vendor}.json")
        path.write_text(
            json.dumps(
                {
                    "database": connection.vendor,
                    "practices": total,
                    "requests": options["requests"],
                    "rows": rows_as_dicts(rows),
                },
                indent=2,
            )
        )
        self.stdout.write(self.style.SUCCESS(f"\nWritten to {path}"))


def create_missing_database(name: str, database: BaseDatabaseWrapper = connection) -> bool:
    """A PostgreSQL benchmark database that does not exist yet is created (SQLite creates its file itself)."""
    if database.vendor != "postgresql":
        return False
    try:
        database.ensure_connection()
        return False
    except DatabaseError as missing:
        if "does not exist" not in str(missing):
            raise CommandError(f"Cannot connect to the benchmark database {name!r}: {missing}") from missing
    # Django's own test-database creation connects the same way: to the server's maintenance database.
    with database._nodb_cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {database.ops.quote_name(name)}")
    return True
