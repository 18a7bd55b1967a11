"""`make loadcheck`: gunicorn on PostgreSQL under wrk while imports and publishes run and a worker is killed.

Creates a throwaway database (``praxis_loadcheck``: dropped and created), migrates, loads the vocabularies
and the demo practices, refreshes the search index, starts gunicorn (2 sync workers, ``kb.settings.loadtest``,
the shared Redis cache) and runs one wrk per route for the whole load: the search page, the search API, a
practice page and its card. Meanwhile an import of the fixture files and a few publishes of demo practices run
in subprocesses against the same database, and one gunicorn worker is killed with SIGKILL (the master starts
another one). gunicorn's access log shows who answered before and after the kill.

Target: no non-2xx answers; socket errors at most the killed worker's in-flight connection (a sync worker
serves one at a time); every route answered, and the new worker too; imports and publishes exit 0; no error
in the server log. Prints a table, writes ``loadcheck-results.json``, exits 1 otherwise. (wrk counts a
request only when it is answered: one the server never answers is no error, hence the access-log checks.)

    python -m kb.loadcheck [--duration 15] [--connections 16] [--kill-at 7] [--output loadcheck-results.json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from cards.loadtest import REPORT, SETTINGS, free_port, run_wrk, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "praxis_loadcheck"
SERVER = os.environ.get("LOADCHECK_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("LOADCHECK_REDIS_URL", "redis://127.0.0.1:6379/5")
IMPORT_FILES = sorted(str(path) for path in (ROOT / "importers/tests/fixtures").glob("*.txt"))

PRACTICE = """
import django, json
django.setup()
from django.core.cache import cache
from practices.models import PracticePage
cache.clear()  # the Redis database is this check's own; a previous run's cards must not answer
page = PracticePage.objects.live().public().filter(locale__language_code="en").order_by("pk").first()
print(json.dumps({"slug": page.slug, "path": page.url}))
"""

PUBLISH = """
import django, json, sys, time
django.setup()
from practices.models import PracticePage
count, pause = int(sys.argv[1]), float(sys.argv[2])
published = []
for page in PracticePage.objects.live().order_by("pk")[:count]:
    page.save_revision().publish()
    published.append(page.slug)
    time.sleep(pause)
print(json.dumps({"published": len(published), "slugs": published}))
"""


def recreate_database() -> None:
    import psycopg  # noqa: PLC0415 (only this command needs it at import time)

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def prepare(env: dict[str, str]) -> dict[str, str]:
    """Fill the fresh database as `make setup` does; return the slug and path of one live practice."""
    steps = [["manage.py", *command] for command in (["migrate", "--noinput", "-v0"], ["load_vocabularies"])]
    steps += [["manage.py", "load_demo"], ["manage.py", "refresh_search"], ["-c", PRACTICE]]
    for step in steps:
        out = subprocess.run([sys.executable, *step], env=env, cwd=ROOT, capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"{' '.join(step)[:60]} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    practice = json.loads(out.stdout.strip().splitlines()[-1])
    practice["path"] = urllib.parse.urlsplit(practice["path"]).path
    return practice


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def kill_one_worker(master: int, expected: int, log: dict) -> None:
    """SIGKILL the first worker, then wait (≤ 30 s) until the master runs `expected` workers again."""
    before = workers_of(master)
    if not before:
        log["error"] = "no worker to kill"
        return
    victim = before[0]
    started = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    log.update(killed_pid=victim, workers_before=before)
    while time.monotonic() - started < 30:
        now = workers_of(master)
        if len(now) >= expected and victim not in now:
            log.update(workers_after=now, replaced_after_s=round(time.monotonic() - started, 2))
            return
        time.sleep(0.05)
    log["error"] = "the master did not replace the killed worker within 30 s"


ACCESS_FORMAT = '%(t)s %(p)s %(s)s %(L)s "%(r)s"'
ACCESS_LINE = re.compile(r"^\[(?P<t>[^\]]+)\] <(?P<pid>\d+)> (?P<status>\d{3}) (?P<seconds>[\d.]+) ")


def run_route(url: str, duration: int, connections: int, lua: str) -> dict:
    result = run_wrk(url, duration, connections, lua)
    result["socket_errors"] = result["errors"] - result["non_2xx"]  # connect, read, write, timeout
    return result


def served(access_log: str, killed_at: float | None) -> dict:
    """What gunicorn answered, from its access log: by worker, by phase (before/after the kill), the longest gap."""
    times, by_pid, by_status = [], {}, {}
    for line in access_log.splitlines():
        match = ACCESS_LINE.match(line)
        if not match:
            continue
        when = datetime.strptime(match["t"], "%d/%b/%Y:%H:%M:%S %z").timestamp()
        times.append(when)
        by_pid[match["pid"]] = by_pid.get(match["pid"], 0) + 1
        by_status[match["status"]] = by_status.get(match["status"], 0) + 1
    times.sort()
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return {
        "responses": len(times),
        "by_worker": by_pid,
        "by_status": by_status,
        "before_kill": sum(1 for t in times if killed_at is None or t < int(killed_at)),
        "after_kill": sum(1 for t in times if killed_at is not None and t > int(killed_at)),
        "longest_gap_s": max(gaps, default=None),
    }


def server_errors(log_text: str, killed_pid: int | None) -> list[str]:
    """Error lines of gunicorn and Django, without the master's note about the worker this check killed."""
    lines = []
    for line in log_text.splitlines():
        if killed_pid and re.search(rf"\(pid:{killed_pid}\) was sent SIGKILL", line):
            continue
        if re.search(r"\bERROR\b|\bCRITICAL\b|Traceback", line):
            lines.append(line)
    return lines


def main() -> int:  # noqa: PLR0915 (one linear script)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16, help="in all, shared by the four routes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kill-at", type=float, default=7, help="second of the load at which a worker is killed")
    parser.add_argument("--publishes", type=int, default=5)
    parser.add_argument("--output", default=str(ROOT / "loadcheck-results.json"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return 2

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "praxis-loadcheck",
        "SECRET_KEY": "loadcheck-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    print(f"creating {DATABASE}, migrating, loading vocabularies and demo practices, refreshing search ...")
    recreate_database()
    practice = prepare(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    targets = {
        "search page": f"{base}/en/practices/?q=refugees",
        "search API": f"{base}/api/search/?q=mentoring&country=DE",
        "practice page": f"{base}{practice['path']}",
        "card": f"{base}/embed/practices/{practice['slug']}/",
    }
    per_route = max(1, args.connections // len(targets))

    logs = Path(tempfile.mkdtemp(prefix="loadcheck-"))
    gunicorn = [sys.executable, "-m", "gunicorn", "kb.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
    gunicorn += ["--log-level", "warning", "--error-logfile", str(logs / "error.log"), "--capture-output"]
    gunicorn += ["--access-logfile", str(logs / "access.log"), "--access-logformat", ACCESS_FORMAT]
    server = subprocess.Popen(gunicorn, env=env, cwd=ROOT)
    kill: dict = {}
    try:
        wait_until_up(f"{base}/healthz/")
        for name, url in targets.items():  # each must answer 200 itself (no redirect) before it is measured
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own local server)
                if response.status != 200 or response.url != url:
                    raise SystemExit(f"{name}: {url} answered {response.status} at {response.url}")
        (logs / "access.log").write_text("")  # count only the answers under load
        lua = logs / "report.lua"
        lua.write_text(REPORT)
        imports_command = [sys.executable, "manage.py", "import_practices", *IMPORT_FILES]
        publish_command = [sys.executable, "-c", PUBLISH, str(args.publishes), "1"]
        load_before = os.getloadavg()[0]
        with ThreadPoolExecutor(max_workers=len(targets)) as pool:
            started = time.monotonic()
            futures = {
                name: pool.submit(run_route, url, args.duration, per_route, str(lua)) for name, url in targets.items()
            }
            time.sleep(1)
            imports = subprocess.Popen(imports_command, env=env, cwd=ROOT, **_pipes())
            time.sleep(1)
            publishes = subprocess.Popen(publish_command, env=env, cwd=ROOT, **_pipes())
            time.sleep(max(0.0, args.kill_at - (time.monotonic() - started)))
            kill["at_s"] = round(time.monotonic() - started, 2)
            kill["at_epoch"] = time.time()
            killer = threading.Thread(target=kill_one_worker, args=(server.pid, args.workers, kill))
            killer.start()
            imports_out, imports_err = imports.communicate(timeout=300)
            publishes_out, publishes_err = publishes.communicate(timeout=300)
            killer.join()
            results = {name: future.result() for name, future in futures.items()}
        load_after = os.getloadavg()[0]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    access = served((logs / "access.log").read_text(), kill.get("at_epoch"))
    errors_in_log = server_errors((logs / "error.log").read_text(), kill.get("killed_pid"))
    shutil.rmtree(logs)

    counts = re.search(r"created (\d+), updated (\d+), merged (\d+), unchanged (\d+), failed (\d+)", imports_out)
    import_report = {
        "files": len(IMPORT_FILES),
        "exit_code": imports.returncode,
        "counts": dict(
            zip(("created", "updated", "merged", "unchanged", "failed"), map(int, counts.groups()), strict=True)
        )
        if counts
        else None,
        "stderr": imports_err.strip().splitlines()[-5:],
    }
    published = json.loads(publishes_out.strip().splitlines()[-1]) if publishes.returncode == 0 else {}
    publish_report = {
        "exit_code": publishes.returncode,
        "published": published.get("published"),
        "stderr": publishes_err.strip().splitlines()[-5:],
    }

    non_2xx = sum(r["non_2xx"] for r in results.values())
    socket_errors = sum(r["socket_errors"] for r in results.values())
    # gunicorn's sync worker serves one connection at a time: the killed worker's one may break, nothing else.
    allowed_at_kill = 1
    unexpected = non_2xx + max(0, socket_errors - allowed_at_kill) + len(errors_in_log)
    new_worker = [pid for pid in kill.get("workers_after", []) if pid not in kill.get("workers_before", [])]
    checks = {
        "no non-2xx answers (wrk)": non_2xx == 0,
        "no non-2xx answers (gunicorn access log)": all(code.startswith("2") for code in access["by_status"]),
        f"socket errors <= {allowed_at_kill} (the killed worker's connection)": socket_errors <= allowed_at_kill,
        "every route answered": all(r["requests"] > 0 for r in results.values()),
        "the master replaced the killed worker": "replaced_after_s" in kill,
        "answers after the kill, by the new worker too": access["after_kill"] > 0
        and any(access["by_worker"].get(str(pid)) for pid in new_worker),
        "imports exited 0": imports.returncode == 0,
        "publishes exited 0": publishes.returncode == 0 and published.get("published") == args.publishes,
        "no error lines in the server log": not errors_in_log,
    }
    passed = all(checks.values())

    print(
        f"\ngunicorn {args.workers} sync workers on PostgreSQL ({DATABASE}), cache redis, wrk {per_route} connections "
        f"per route ({per_route * len(targets)} in all) x {args.duration} s; {os.cpu_count()} CPUs, "
        f"load average {load_before:.1f} -> {load_after:.1f}"
    )
    print(f"{'route':<15} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'socket err':>10}")
    for name, r in results.items():
        print(
            f"{name:<15} {r['requests']:>8} {r['rps']:>7.1f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} "
            f"{r['non_2xx']:>8} {r['socket_errors']:>10}"
        )
    print(
        f"\nkill: worker {kill.get('killed_pid')} SIGKILLed at {kill.get('at_s')} s, replaced by {new_worker} after "
        f"{kill.get('replaced_after_s', '-')} s {kill.get('error', '')}; socket errors seen: {socket_errors} "
        f"(allowed {allowed_at_kill}: the killed worker's in-flight connection)"
    )
    print(
        f"gunicorn answered {access['responses']} ({access['before_kill']} before the kill, {access['after_kill']} "
        f"after), by worker {access['by_worker']}, statuses {access['by_status']}, longest gap "
        f"{access['longest_gap_s']} s"
    )
    print(f"imports: {len(IMPORT_FILES)} files, exit {imports.returncode}, {import_report['counts']}")
    print(f"publishes: exit {publishes.returncode}, {published.get('published')} of {args.publishes} published")
    for line in errors_in_log[:10]:
        print(f"server log: {line}")
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    report = {
        "database": DATABASE,
        "workers": args.workers,
        "connections": per_route * len(targets),
        "duration_s": args.duration,
        "cpu_count": os.cpu_count(),
        "load_average": [load_before, load_after],
        "routes": {name: url.removeprefix(base) for name, url in targets.items()},
        "results": results,
        "kill": {**kill, "new_worker": new_worker, "socket_errors_allowed": allowed_at_kill},
        "socket_errors": socket_errors,
        "served": access,
        "imports": import_report,
        "publishes": publish_report,
        "server_log_errors": errors_in_log,
        "unexpected_errors": unexpected,
        "checks": checks,
        "passed": passed,
    }
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nunexpected errors: {unexpected}; {'passed' if passed else 'FAILED'}; written {args.output}")
    return 0 if passed else 1


def _pipes() -> dict:
    return {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}


if __name__ == "__main__":
    sys.exit(main())
