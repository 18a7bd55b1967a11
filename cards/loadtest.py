"""`make loadtest`: gunicorn (2 workers) and wrk (64 connections, 20 s) against the embed routes.

Runs the card, the oEmbed endpoint and the JSON card next to ``/embed/ping/`` (a constant string through
the same middleware: this machine's ceiling), prints a table and writes JSON. Target: the card at least
50% of the ceiling's requests per second, with zero errors.

    python -m cards.loadtest [--duration 20] [--connections 64] [--output loadtest-results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "kb.settings.loadtest"
REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format('RESULT {"requests": %d, "duration_s": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, '
      .. '"p99_ms": %.3f, "errors": %d, "non_2xx": %d}\\n',
      summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, errors, summary.errors.status))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(env: dict[str, str]) -> dict[str, str]:
    """Migrate the load-test database and make sure one published practice exists; return its addresses."""
    script = """
import django, json
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from practices.demo.loader import ensure_site_structure
from practices.models import PracticePage
from practices.records import PlaceRecord, PracticeRecord
from practices.writing import PracticeWriter
home, index = ensure_site_structure()
page = PracticePage.objects.filter(slug="loadtest-practice").first()
if page is None:
    record = PracticeRecord(title="Load test practice", slug="loadtest-practice", start_year=2020,
        summary="A practice that exists so the embeds can be measured.", themes=["mentoring"],
        places=[PlaceRecord(city="Leipzig", region="Saxony", country="DE")])
    page = PracticeWriter().create(record, index, publish=True).page
print(json.dumps({"id": page.pk, "slug": page.slug, "url": page.specific.full_url}))
"""
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own local server)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def run_wrk(url: str, duration: int, connections: int, lua: str) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "-s", lua, url]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = round(result["requests"] / result["duration_s"], 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", default=str(ROOT / "loadtest-results.json"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (Debian: apt-get install wrk)", file=sys.stderr)
        return 2

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONPATH": str(ROOT)}
    practice = prepare(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [sys.executable, "-m", "gunicorn", "kb.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*gunicorn, "--log-level", "warning"], env=env, cwd=ROOT)
    try:
        wait_until_up(f"{base}/embed/ping/")
        practice_url = practice["url"]
        targets = {
            "ceiling (/embed/ping/)": f"{base}/embed/ping/",
            "card": f"{base}/embed/practices/{practice['slug']}/",
            "oEmbed": f"{base}/oembed/?url={urllib.parse.quote(practice_url, safe='')}&format=json",
            "JSON card": f"{base}/api/practices/{practice['id']}/card/",
        }
        for url in targets.values():  # each must answer 200 before it is measured (and is cached once)
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                assert response.status == 200, url
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
            lua.write(REPORT)
        results = {name: run_wrk(url, args.duration, args.connections, lua.name) for name, url in targets.items()}
        os.unlink(lua.name)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    ceiling = results["ceiling (/embed/ping/)"]["rps"]
    for result in results.values():
        result["share_of_ceiling"] = round(result["rps"] / ceiling, 3) if ceiling else None
    cache = "redis" if os.environ.get("REDIS_URL") else "locmem (per worker)"
    print(f"\ngunicorn {args.workers} workers, wrk {args.connections} connections x {args.duration} s, cache: {cache}")
    print(f"{'route':<24} {'req/s':>9} {'% ceiling':>10} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, r in results.items():
        print(
            f"{name:<24} {r['rps']:>9.1f} {r['share_of_ceiling'] * 100:>9.0f}% {r['p50_ms']:>8.2f} "
            f"{r['p95_ms']:>8.2f} {r['errors']:>7}"
        )
    card = results["card"]
    passed = card["share_of_ceiling"] >= 0.5 and all(r["errors"] == 0 for r in results.values())
    report = {
        "workers": args.workers,
        "connections": args.connections,
        "duration_s": args.duration,
        "cache": cache,
        "cpu_count": os.cpu_count(),
        "results": results,
        "target": "card >= 50% of ceiling req/s, zero errors",
        "target_met": passed,
    }
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")
    print(f"\ntarget (card >= 50% of ceiling, zero errors): {'met' if passed else 'NOT met'}; written {args.output}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
