"""Where a page's time goes when it misses the fragment cache: cProfile over repeated requests of each main page
(the pages of `make bench`), run against a benchmark database. Prints per page the milliseconds per request, the
SQL time within it, and the functions with the most time of their own and in total.

    DATABASE_URL=postgres://.../microcred_bench python scripts/profile_pages.py [--page "course page"] [-n 20]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("FRAGMENT_CACHE_SECONDS", "0")  # the uncached path: what a team sees after a change
os.environ.setdefault("DEBUG", "false")

import bench_probe  # sets Django up
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def profile(label: str, path: str, user, repeat: int, top: int) -> None:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(path)  # warm: sessions, content types, template loader
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        client.get(path)
        once = (time.perf_counter() - started) * 1000
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    each = (time.perf_counter() - started) * 1000 / repeat
    print(f"\n## {label} ({path}): {once:.1f} ms once, {len(queries.captured_queries)} queries taking {sql_ms:.1f} ms; "
          f"{each:.1f} ms per request under the profiler")  # fmt: skip
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        body = out.getvalue()
        print(body[body.index("   ncalls") :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", action="append", help="only these pages (by label); all by default")
    parser.add_argument("-n", "--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    for label, path, user in bench_probe.main_pages():
        if not args.page or label in args.page:
            profile(label, path, user, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
