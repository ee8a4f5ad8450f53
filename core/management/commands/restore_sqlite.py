"""``make restore FILE=...``: put a backup made by ``make backup`` back in place, then empty the caches."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from core.backup import clear_caches_after_restore, sqlite_copy


class Command(BaseCommand):
    help = "Replace the SQLite database with a backup (stop the web app and the worker first), then clear caches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", type=Path, help="A file written by `make backup`.")

    def handle(self, *args, **options) -> None:
        db = settings.DATABASES["default"]
        if "sqlite" not in db["ENGINE"]:
            raise CommandError("The database is not SQLite: restore it with pg_restore (README, Operations).")
        source: Path = options["backup"]
        if not source.is_file():
            raise CommandError(f"No backup at {source}")
        connections.close_all()
        sqlite_copy(source, db["NAME"])
        clear_caches_after_restore()
        self.stdout.write(self.style.SUCCESS(f"Restored {source}; caches cleared. Start the app again."))
