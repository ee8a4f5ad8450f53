"""Health probes: ``/healthz`` says the process answers; ``/readyz`` says what it depends on answers too.

``/readyz`` checks the database, the cache and the broker, each with a short timeout (``READYZ_TIMEOUT_SECONDS``),
and answers JSON naming each one's state. Only the database decides readiness (503 without it): pages are served
with the cache down (core.cache), and work for the broker waits in the outbox (core.outbox), so a Redis outage
gives 200 with ``"status": "degraded"``; a load balancer keeps the instance, an operator sees what is down.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

PROBE_KEY = "readyz-probe"
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="readyz")


def _timeout() -> float:
    return float(getattr(settings, "READYZ_TIMEOUT_SECONDS", 2))


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    """Ask the cache server itself: the site's cache hides its failures (core.cache)."""
    client = getattr(caches["default"], "client", None)
    if client is not None and hasattr(client, "get_client"):  # django-redis
        client.get_client(write=True).ping()
        return
    cache.set(PROBE_KEY, "ok", 10)
    if cache.get(PROBE_KEY) != "ok":
        raise RuntimeError("the cache did not keep a value")


def check_broker() -> None:
    from celery import (
        current_app as app,  # the project's app (microcred/__init__.py loads it): core imports no project module
    )

    if app.conf.broker_url.startswith("filesystem://"):
        folder = Path(app.conf.broker_transport_options["data_folder_in"])
        if not folder.is_dir():
            raise RuntimeError(f"broker folder {folder} is missing")
        return
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=_timeout())


CHECKS: dict[str, tuple[Callable[[], None], bool]] = {
    # name: (check, whether the app is unready without it)
    "database": (check_database, True),
    "cache": (check_cache, False),
    "broker": (check_broker, False),
}


def _run(check: Callable[[], None]) -> dict:
    started = time.monotonic()
    try:
        check()
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def readiness() -> tuple[bool, dict]:
    """(ready, report): the database in this thread, the cache and the broker in parallel, each within the timeout."""
    results = {"database": _run(check_database)}
    futures = {name: _pool.submit(_run, check) for name, (check, _) in CHECKS.items() if name != "database"}
    deadline = time.monotonic() + _timeout()
    for name, future in futures.items():
        try:
            results[name] = future.result(timeout=max(deadline - time.monotonic(), 0.01))
        except FutureTimeout:
            results[name] = {"ok": False, "error": f"no answer within {_timeout():g} s"}
    ready = all(results[name]["ok"] for name, (_, critical) in CHECKS.items() if critical)
    return ready, results


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe, and the benchmark's trivial view (the framework's ceiling)."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    ready, checks = readiness()
    status = "ok" if all(c["ok"] for c in checks.values()) else ("degraded" if ready else "unavailable")
    return JsonResponse({"status": status, "checks": checks}, status=200 if ready else 503)
