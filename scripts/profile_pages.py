"""Where a page's time goes when it misses the fragment cache: cProfile over repeated requests of each main page
(the pages of `make bench`), run against a benchmark database. Prints per page the CPU milliseconds per request,
the SQL time within it, and the functions with the most time of their own and in total.

The requests go to the WSGI application in-process, as gunicorn sends them, not through the test client, which
adds work of its own (it records every template rendered). FRAGMENT_CACHE_SECONDS=3600 profiles the cached path.

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
os.environ.setdefault("CONN_MAX_AGE", "60")  # as the bench serves them: one connection per worker, kept

import bench_probe  # sets Django up
from django.conf import settings
from django.db import connection
from django.test import Client

from microcred.wsgi import application


def get(path: str, cookie: str) -> None:
    """One GET through the WSGI application, as gunicorn makes it."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": route, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1", "HTTP_COOKIE": cookie, "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }  # fmt: skip
    statuses: list[str] = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    body.close()
    if not statuses[0].startswith("200"):
        sys.exit(f"{path} answered {statuses[0]}")


def profile(label: str, path: str, user, repeat: int, top: int) -> None:
    cookie = ""
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    for _ in range(5):
        get(path, cookie)  # warm: sessions, content types, template loader, caches
    sql: list[float] = []  # each query's time (the request's start resets connection.queries)

    def timed(execute, query, params, many, context):
        started = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql.append(time.perf_counter() - started)

    with connection.execute_wrapper(timed):
        started = time.process_time()
        get(path, cookie)
        once = (time.process_time() - started) * 1000
    sql_ms = sum(sql) * 1000
    started = time.process_time()
    for _ in range(repeat):
        get(path, cookie)
    each = (time.process_time() - started) * 1000 / repeat
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(repeat):
        get(path, cookie)
    profiler.disable()
    print(f"\n## {label} ({path}): {each:.2f} ms of CPU per request ({once:.1f} ms once, with "
          f"{len(sql)} queries taking {sql_ms:.1f} ms)")  # fmt: skip
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
