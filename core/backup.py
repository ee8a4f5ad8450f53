"""Backups of the embedded SQLite database (``make backup`` / ``make restore``) and a portable JSON export.

SQLite: the online backup API copies a consistent snapshot while the app runs, history tables included, and a
restore copies one back into the live file (stop the app first; ``make restore`` says so). PostgreSQL uses its own
tools, ``pg_dump`` / ``pg_restore`` (README, Operations). After either restore, the caches are emptied: they
describe the database as it was before.

The JSON export (``manage.py dumpdata`` with the options in ``EXPORT_ARGS``) moves data between engines, e.g. from
the SQLite default to PostgreSQL. Content types and permissions are left out and referred to by natural keys: a
migrated database already has its own rows for them, with other ids, and loading the exported ones on top is what
made ``loaddata`` fail on a fresh database.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from django.core.cache import caches
from django.core.management import call_command, get_commands

EXPORT_ARGS = [
    "--natural-foreign",
    "--natural-primary",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",  # signed-in sessions do not survive a restore: people sign in again
    "--exclude=axes",  # nor do failed-login counters
]


def sqlite_copy(source: Path | str, target: Path | str) -> None:
    """Copy one SQLite database into another with SQLite's online backup API (consistent while in use)."""
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


def backup_path(folder: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(tz=UTC)).strftime("%Y%m%d-%H%M%S")
    return folder / f"microcred-{stamp}.sqlite3"


def clear_caches_after_restore() -> None:
    """Empty the caches (``manage.py clear_caches`` where it exists, else each cache's own keys)."""
    if "clear_caches" in get_commands():
        call_command("clear_caches")
        return
    for alias in caches:
        cache = caches[alias]
        if hasattr(cache, "delete_pattern"):  # django-redis: this site's keys, never FLUSHDB (the Celery queue)
            cache.delete_pattern("*")
        else:
            cache.clear()
