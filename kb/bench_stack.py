"""`make bench-stack`: the search page under gunicorn (2 sync workers) and wrk, on a benchmark database.

Serves the benchmark database ``BENCH_DATABASE_URL`` (built by ``make bench``) with production settings
(``kb.settings.loadtest``), warms every worker (a cold worker builds its facet index on its first search),
then runs wrk with 16 connections for 15 s; each request asks one of the benchmark's 16 queries in turn.
Prints req/s, p50/p95/p99 and errors and writes ``bench-stack.json``.

    python -m kb.bench_stack [--duration 15] [--connections 16] [--workers 2] [--output bench-stack.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cards.loadtest import REPORT, SETTINGS, free_port, run_wrk, wait_until_up
from search.bench.queries import QUERIES

ROOT = Path(__file__).resolve().parent.parent
ROTATE = """
local queries = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/en/practices/?q=" .. queries[(n %% #queries) + 1])
end
"""


def _status(base: str, query: str) -> int:
    with urllib.request.urlopen(f"{base}/en/practices/?q={urllib.parse.quote(query)}", timeout=120) as response:  # noqa: S310
        return response.status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", default=str(ROOT / "bench-stack.json"))
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'bench.sqlite3'}")
    if "bench" not in database:
        print(f"{database!r} is not a benchmark database (make bench builds one)", file=sys.stderr)
        return 2
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return 2

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONPATH": str(ROOT), "DATABASE_URL": database}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "kb.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*gunicorn, "--timeout", "120", "--log-level", "warning"], env=env, cwd=ROOT)
    try:
        wait_until_up(f"{base}/en/practices/?q=refugees", timeout=120)
        with ThreadPoolExecutor(args.workers * 2) as pool:  # every worker builds its index before the clock
            statuses = list(pool.map(lambda query: _status(base, query), QUERIES * args.workers))
        assert set(statuses) == {200}, statuses
        quoted = ", ".join(f'"{urllib.parse.quote(query)}"' for query in QUERIES)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(ROTATE % quoted + REPORT)
        result = run_wrk(f"{base}/en/practices/", args.duration, args.connections, lua.name)
        os.unlink(lua.name)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    print(f"\nsearch page, gunicorn {args.workers} workers, wrk {args.connections} connections x {args.duration} s")
    print(f"database {database}")
    print(f"{'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'non-2xx':>8}")
    print(
        f"{result['rps']:>8.1f} {result['p50_ms']:>8.1f} {result['p95_ms']:>8.1f} {result['p99_ms']:>8.1f} "
        f"{result['errors']:>7} {result['non_2xx']:>8}"
    )
    report = {"workers": args.workers, "connections": args.connections, "duration_s": args.duration, **result}
    Path(args.output).write_text(json.dumps({"database": database.split("@")[-1], **report}, indent=2) + "\n")
    return 0 if result["errors"] == 0 and result["non_2xx"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
