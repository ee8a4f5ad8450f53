"""`make bench`, part 2: the main pages under gunicorn against PostgreSQL, side by side with a trivial view.

Builds a fresh benchmark database (`<DATABASE_URL name>_bench`, default microcred_bench on 127.0.0.1) with
`seed_scale`, starts gunicorn with workers for this machine's cores, and measures for each page: SQL queries
(at a small and the full data set), median and p95 latency for one user, requests per second with wrk at 10
concurrent connections, and that throughput as a fraction of the trivial view's. Also the reminder sweep over
the whole data set and the peak memory of a gunicorn worker. Prints a Markdown table.

Bounded: every load run is a fixed duration against 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from benchdb import recreate_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
PORT = 8765
ONE_USER_REQUESTS = 60
WRK_SECONDS = 8


def database_urls() -> tuple[str, str, str]:
    """The admin URL (to create databases) and the URLs of the small and full benchmark databases."""
    base = (
        os.environ.get("BENCH_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or "postgres://postgres@127.0.0.1:5432/microcred"
    )
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "make bench needs PostgreSQL: set DATABASE_URL=postgres://... (e.g. postgres://postgres@127.0.0.1:5432/microcred)"
        )
    parsed = urlparse(base)
    name = parsed.path.lstrip("/") or "microcred"
    root = parsed._replace(path="/postgres").geturl()
    return root, parsed._replace(path=f"/{name}_bench_small").geturl(), parsed._replace(path=f"/{name}_bench").geturl()


def manage(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "microcred.settings.local", "DEBUG": "false"}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def probe(url: str, courses: int, redis_url: str) -> dict:
    """Run scripts/bench_probe.py against ``url``: query counts, session cookies, URLs, sweep figures."""
    import json

    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "microcred.settings.local",
           "DEBUG": "false"}  # fmt: skip
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_probe.py")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        sys.exit(f"probe failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit("gunicorn did not start")


def one_user(path: str, cookie: str) -> tuple[float, float]:
    """Median and p95 latency in ms of sequential requests by one user."""
    timings = []
    for _ in range(ONE_USER_REQUESTS):
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": cookie})
        started = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            assert response.status == 200, (path, response.status)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def throughput(path: str, cookie: str) -> float:
    """Requests per second at 10 concurrent connections (wrk, fixed duration)."""
    result = subprocess.run(
        ["wrk", "-t2", "-c10", f"-d{WRK_SECONDS}s", "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{PORT}{path}"],
        capture_output=True, text=True, timeout=WRK_SECONDS + 30,
    )  # fmt: skip
    if "Non-2xx" in result.stdout:
        sys.exit(f"wrk saw errors on {path}:\n{result.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def worker_peak_rss_mb(master_pid: int) -> float:
    """The highest peak resident memory (VmHWM) among gunicorn's workers."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
            peaks.append(int(re.search(r"VmHWM:\s+(\d+)", text).group(1)) / 1024)
    return max(peaks, default=0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", type=int, default=1000)
    parser.add_argument("--small", type=int, default=10, help="courses in the small data set (query counts)")
    parser.add_argument("--reuse", action="store_true", help="reuse the benchmark databases if they exist")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    admin_url, small_url, full_url = database_urls()
    for url, n in ((small_url, args.small), (full_url, args.courses)):
        if not args.reuse:
            recreate_database(admin_url, urlparse(url).path.lstrip("/"))
            manage(url, "migrate", "--noinput")
            started = time.monotonic()
            manage(url, "seed_scale", "--courses", str(n))
            print(f"seed_scale --courses {n}: {time.monotonic() - started:.0f}s", file=sys.stderr)
    redis_url = bench_redis_url()
    small, full = probe(small_url, args.small, redis_url), probe(full_url, args.courses, redis_url)

    cores = os.cpu_count() or 2
    workers = 2 * cores + 1
    cached = serve_and_measure(full_url, redis_url, workers, full["pages"], fragment_cache=True)
    uncached = serve_and_measure(full_url, redis_url, workers, full["pages"], fragment_cache=False)

    report = figures(args, workers, cores, small, full, cached, uncached, redis_url)
    write_report(report)
    print_table(report)
    return 0


def figures(
    args, workers: int, cores: int, small: dict, full: dict, cached: list, uncached: list, redis_url: str
) -> dict:
    """Everything measured, as one JSON-ready document: per page its queries, median, p95, requests/s and share of
    the trivial view, with and without the fragment cache."""
    ceiling, ceiling_uncached = cached[0]["rps"], uncached[0]["rps"]
    pages = []
    for page, warm, cold in zip(full["pages"], cached, uncached, strict=True):
        label = page["label"]
        pages.append({
            "label": label,
            "path": page["path"],
            "queries": {"small": small["queries"][label], "full": page["queries"]},
            "cached": {"median_ms": round(warm["median"], 2), "p95_ms": round(warm["p95"], 2),
                       "rps": round(warm["rps"], 1), "share": round(warm["rps"] / ceiling, 4)},
            "uncached": {"median_ms": round(cold["median"], 2), "p95_ms": round(cold["p95"], 2),
                         "rps": round(cold["rps"], 1), "share": round(cold["rps"] / ceiling_uncached, 4)},
        })  # fmt: skip
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit.stdout.strip(),
        "machine": {"cores": cores, "gunicorn_workers": workers, "cache": "Redis" if redis_url else "files"},
        "access_cache_seconds": int(os.environ.get("ACCESS_CACHE_SECONDS", "60")),
        "courses": {"small": args.small, "full": args.courses},
        "pages": pages,
        "sweep": full["sweep"],
        "worker_peak_mb": round(max(cached[-1]["peak"], uncached[-1]["peak"]), 1),
    }


def write_report(report: dict) -> None:
    """var/bench/latest.json, and a copy named after the commit, to compare speed between commits."""
    import json

    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=1)
    (folder / "latest.json").write_text(text)
    name = f"{report['commit'] or 'unknown'}-{report['courses']['full']}-access{report['access_cache_seconds']}.json"
    (folder / name).write_text(text)
    print(f"Figures written to {folder / 'latest.json'}", file=sys.stderr)


def print_table(report: dict) -> None:
    """The same figures as a Markdown table, for docs/performance.md."""
    small, full = report["courses"]["small"], report["courses"]["full"]
    machine = report["machine"]
    print(f"\n### microcred benchmark: {full} courses, gunicorn {machine['gunicorn_workers']} workers, "
          f"{machine['cores']} cores, commit {report['commit']}, access caches "
          f"{report['access_cache_seconds']} s\n")  # fmt: skip
    print(
        f"| page | SQL queries, cached ({small} / {full} courses) | after a change | median ms | p95 ms "
        "| req/s at 10 users | share of trivial view | without the fragment cache: median ms | p95 ms | req/s | share |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for page in report["pages"]:
        q_small, q_full = page["queries"]["small"], page["queries"]["full"]
        warm, cold = page["cached"], page["uncached"]
        print(
            f"| {page['label']} | {q_small['warm']} / {q_full['warm']} | {q_small['cold']} / {q_full['cold']} "
            f"| {warm['median_ms']:.1f} | {warm['p95_ms']:.1f} | {warm['rps']:.0f} | {warm['share']:.0%} "
            f"| {cold['median_ms']:.1f} | {cold['p95_ms']:.1f} | {cold['rps']:.0f} | {cold['share']:.0%} |"
        )
    sweep = report["sweep"]
    print(
        f"\nReminder sweep over the whole data set: {sweep['seconds']:.2f} s, {sweep['created']} reminders created "
        f"({sweep['created'] / max(sweep['seconds'], 1e-9):.0f}/s), {sweep['queries']} queries; the next sweep, "
        f"which finds them all there, {sweep.get('again_seconds', 0):.2f} s.\n"
        f"Peak memory of a gunicorn worker: {report['worker_peak_mb']:.0f} MB. Cache: {machine['cache']}."
    )


def bench_redis_url() -> str:
    """A Redis database of the benchmark's own (flushed first: cached pages of an earlier data set must not count),
    or "" if no Redis answers (the file cache then stands in)."""
    import redis

    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError:
        print(f"No Redis at {url}: the cache is files under var/cache", file=sys.stderr)
        return ""
    return url


def serve_and_measure(url: str, redis_url: str, workers: int, pages: list[dict], *, fragment_cache: bool) -> list:
    """Serve the full data set with gunicorn and measure each page: one user, then wrk at 10 connections."""
    # The API's per-person limit (1,200 calls a minute) would answer wrk with 429 once a list serves 150 a second:
    # the bench measures speed, so it lifts the limit (the limit's own tests are in tests/api).
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "microcred.settings.local",
           "DEBUG": "false", "CONN_MAX_AGE": "60", "FRAGMENT_CACHE_SECONDS": "3600" if fragment_cache else "0",
           "API_USER_RATE": "1000000/min", "API_TOKEN_RATE": "1000000/min"}  # fmt: skip
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "microcred.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers),
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    rows = []
    try:
        wait_for_port(PORT)
        for page in pages:
            path, cookie = page["path"], page["cookie"]
            one_user(path, cookie)  # warm up connections and caches
            median, p95 = one_user(path, cookie)
            rows.append({"median": median, "p95": p95, "rps": throughput(path, cookie)})
        rows[-1]["peak"] = worker_peak_rss_mb(gunicorn.pid)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    return rows


if __name__ == "__main__":
    sys.exit(main())
