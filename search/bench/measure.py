"""Server-side timings of the search page, the API and practice pages (Django test client, warm caches)."""

from __future__ import annotations

import datetime
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.test import Client, override_settings
from wagtail.models import Locale

from practices.models import PracticePage
from search.analysis import analyse_query
from search.bench.queries import QUERIES
from search.documents import plain_texts
from search.facet_index import build, worker
from search.models import SearchWord
from search.similar import store_similar
from search.tasks import refresh_similar

FACETS_TWO = {"theme": "employer-engagement", "country": "DE"}
# What production does on publish: the follow-up work is queued in the database (kb/settings/production.py).
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@dataclass
class Row:
    name: str
    requests: int
    median_ms: float
    p95_ms: float
    target: str = ""

    @property
    def meets(self) -> str:
        if not self.target:
            return ""
        median, _, p95 = self.target.partition("/")
        ok = self.median_ms <= float(median) and (not p95 or self.p95_ms <= float(p95))
        return "yes" if ok else "NO"


def _timed(run: Callable[[int], None], requests: int, warmup: int = 5) -> tuple[float, float]:
    for i in range(warmup):
        run(i)
    samples = []
    for i in range(requests):
        start = time.perf_counter()
        run(i)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]


def _get(client: Client, url: str, params: dict | None = None) -> None:
    response = client.get(url, params or {})
    if response.status_code != 200:
        raise RuntimeError(f"{url} {params} answered {response.status_code}")


def _raw_fts_lower_bound(queries: list[str]) -> Callable[[int], None]:
    """One raw full-text query on the practice documents returning 20 ids (FTS5 on SQLite, tsvector on PostgreSQL)."""
    from search.backends import postgres, sqlite

    if connection.vendor == "sqlite":
        table = sqlite.TABLE
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rank LIMIT 20"

        def params(text):
            return [sqlite.match_expression(analyse_query(text))]
    else:
        sql = (
            f"SELECT page_id FROM {postgres.TABLE} WHERE document @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank(document, to_tsquery('simple', %s)) DESC LIMIT 20"
        )

        def params(text):
            expression = postgres.tsquery(analyse_query(text))
            return [expression, expression]

    def run(i: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params(queries[i % len(queries)]))
            cursor.fetchall()

    return run


MAP_VIEWS = [  # (bbox west,south,east,north; zoom): Europe, Germany, Saxony, Leipzig
    ("-25,34,45,66", 4),
    ("5,47,16,55.5", 6),
    ("11,50.2,15.2,51.8", 8),
    ("12.0,51.2,12.7,51.5", 11),
]


def run_map_benchmark(requests: int = 100) -> list[Row]:
    """The map's cluster endpoint: no query, with facets, and near a place, over four zoom levels."""
    client = Client()
    url = "/en/map/clusters/"
    rows = []

    def measure(name: str, extra: dict) -> None:
        def run(i: int) -> None:
            bbox, zoom = MAP_VIEWS[i % len(MAP_VIEWS)]
            _get(client, url, {"bbox": bbox, "zoom": zoom, **extra})

        median, p95 = _timed(run, requests)
        rows.append(Row(name, requests, round(median, 1), round(p95, 1), "100"))

    measure("(f) map clusters: all practices", {})
    measure("(g) map clusters: two facets", FACETS_TWO)
    measure("(h) map clusters: near Leipzig, 50 km", {"near": "Leipzig", "within": "50"})
    return rows


def query_target(practices: int, vendor: str) -> str:
    """Row (a)'s target, median/p95 ms, as the issues set it: 60/150 at 10,000 practices; at 100,000
    120/250 on SQLite and 150/300 on PostgreSQL."""
    if practices <= 20_000:
        return "60/150"
    return "150/300" if vendor == "postgresql" else "120/250"


def run_benchmark(requests: int = 100, seed: int = 7) -> list[Row]:
    client = Client()
    index_url = "/en/practices/"
    queries = QUERIES
    english = Locale.objects.get(language_code="en")
    rng = random.Random(seed)
    ids = list(PracticePage.objects.live().filter(locale=english).values_list("pk", flat=True))
    sample = [PracticePage.objects.get(pk=pk) for pk in rng.sample(ids, min(requests, len(ids)))]
    for page in sample:  # precomputed, as after publishing or refresh_search
        store_similar(page)
    urls = [page.url for page in sample]

    rows = []

    def measure(name: str, run: Callable[[int], None], target: str = "") -> None:
        median, p95 = _timed(run, requests)
        rows.append(Row(name, requests, round(median, 1), round(p95, 1), target))

    measure(
        "(a) page: query + all facets + 20 results",
        lambda i: _get(client, index_url, {"q": queries[i % 16]}),
        query_target(len(ids), connection.vendor),
    )
    measure("(b) page: query + two facets", lambda i: _get(client, index_url, {"q": queries[i % 16], **FACETS_TWO}))
    measure(
        "(c) page: no query, two facets", lambda i: _get(client, index_url, {**FACETS_TWO, "page": 1 + i % 3}), "40"
    )
    measure("(d-a) API: query", lambda i: _get(client, "/api/search/", {"q": queries[i % 16]}))
    measure(
        "(d-b) API: query + two facets", lambda i: _get(client, "/api/search/", {"q": queries[i % 16], **FACETS_TWO})
    )
    measure(
        "(d-c) API: no query, two facets", lambda i: _get(client, "/api/search/", {**FACETS_TWO, "page": 1 + i % 3})
    )
    measure("(e) practice page with similar practices", lambda i: _get(client, urls[i % len(urls)]), "40")
    rows += run_map_benchmark(requests)
    measure("lower bound: raw full-text query, 20 ids", _raw_fts_lower_bound(queries))
    rows += change_rows(client, index_url, queries, sample, max(5, requests // 5))
    return rows


def _publish(page: PracticePage) -> None:
    with transaction.atomic():
        page.save_revision().publish()


def _median(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]


def change_rows(client: Client, index_url: str, queries: list[str], sample: list, runs: int) -> list[Row]:
    """Publishing, the first search after it, the similar-practices task, and the facet index itself."""
    rows = []
    last_year = datetime.date.today().year + 1  # synthetic end years past it would not validate on publish
    pages = list(PracticePage.objects.filter(pk__in=[page.pk for page in sample]))
    pages = [page for page in pages if not page.end_year or page.end_year <= last_year][:runs]
    publish, first, warm = [], [], []
    with override_settings(TASKS=QUEUED_TASKS):
        _get(client, index_url, {"q": queries[0]})
        for i, page in enumerate(pages):
            start = time.perf_counter()
            _publish(page)  # the request's work: the publish, the change feed, enqueueing (on commit)
            publish.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            _get(client, index_url, {"q": queries[i % 16]})  # applies the change to this worker's index
            first.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            _get(client, index_url, {"q": queries[i % 16]})
            warm.append((time.perf_counter() - start) * 1000)
    rows.append(Row("publish one practice (request; tasks queued)", runs, *_round(_median(publish)), "300"))
    first_median, first_p95 = _median(first)
    warm_median, _ = _median(warm)
    rows.append(Row("first search after a publish", runs, round(first_median, 1), round(first_p95, 1)))
    rows.append(Row("  the same search again (warm)", runs, round(warm_median, 1), round(_median(warm)[1], 1), ""))
    rows.append(Row("  first / warm (target <= 2)", runs, round(first_median / warm_median, 2), 0.0))
    rows.append(Row("similar practices task (background)", runs, *_round(_timed_each(pages, refresh_similar.call))))
    builds = []
    for _ in range(3):
        start = time.perf_counter()
        build()
        builds.append((time.perf_counter() - start) * 1000)
    rows.append(Row("facet index: full build", len(builds), *_round(_median(builds))))
    tracemalloc.start()
    index = build()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(Row("facet index: memory MB (retained / peak)", 1, round(retained / 2**20, 1), round(peak / 2**20, 1)))
    del index
    cold = []
    for i in range(3):
        worker.index = None
        start = time.perf_counter()
        _get(client, index_url, {"q": queries[i]})
        cold.append((time.perf_counter() - start) * 1000)
    rows.append(Row("first search in a cold worker (builds the index)", len(cold), *_round(_median(cold))))
    return rows


def _round(pair: tuple[float, float]) -> tuple[float, float]:
    return round(pair[0], 1), round(pair[1], 1)


def _timed_each(pages: list, run: Callable) -> tuple[float, float]:
    samples = []
    for page in pages:
        start = time.perf_counter()
        run(page.pk)
        samples.append((time.perf_counter() - start) * 1000)
    return _median(samples)


PLAIN_TABLE = "bench_plain_fts"


def _sqlite_mb(prefix: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE %s", [prefix + "%"])
        return cursor.fetchone()[0] / 2**20


def _postgres_mb(table: str) -> float:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size(%s)", [table])
        return cursor.fetchone()[0] / 2**20


def _chunks(ids: list[int], size: int = 2000):
    # the texts are read before each insert: one connection cannot read while an executemany writes
    return (ids[start : start + size] for start in range(0, len(ids), size))


def index_size_row() -> Row:
    """The search index's size (stems, labels and names, both languages' suggestion words) against a plain
    full-text index of the same practices' titles and bodies as written, built here for the comparison."""
    from search.backends import postgres, sqlite

    ids = list(PracticePage.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"CREATE VIRTUAL TABLE {PLAIN_TABLE} USING fts5(title, body)")
            for chunk in _chunks(ids):
                cursor.executemany(
                    f"INSERT INTO {PLAIN_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", plain_texts(chunk)
                )
            ours = _sqlite_mb(sqlite.TABLE) + _sqlite_mb(SearchWord._meta.db_table)
            plain = _sqlite_mb(PLAIN_TABLE)
        else:
            cursor.execute(f"CREATE TABLE {PLAIN_TABLE} (page_id bigint PRIMARY KEY, document tsvector NOT NULL)")
            for chunk in _chunks(ids):
                cursor.executemany(
                    f"INSERT INTO {PLAIN_TABLE} VALUES (%s, setweight(to_tsvector('simple', %s), 'A') || "
                    "to_tsvector('simple', %s))",
                    plain_texts(chunk),
                )
            cursor.execute(f"CREATE INDEX {PLAIN_TABLE}_gin ON {PLAIN_TABLE} USING gin (document)")
            ours = _postgres_mb(postgres.TABLE) + _postgres_mb(SearchWord._meta.db_table)
            plain = _postgres_mb(PLAIN_TABLE)
        cursor.execute(f"DROP TABLE {PLAIN_TABLE}")
    return Row("search index MB (ours / plain title + body)", 1, round(ours, 1), round(plain, 1))


def rows_as_dicts(rows: list[Row]) -> list[dict]:
    return [{**asdict(row), "meets_target": row.meets} for row in rows]
