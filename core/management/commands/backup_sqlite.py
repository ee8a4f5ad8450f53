"""``make backup``: a consistent copy of the SQLite database in var/backups (PostgreSQL: use pg_dump)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.backup import backup_path, sqlite_copy


class Command(BaseCommand):
    help = "Copy the SQLite database to var/backups/microcred-<UTC time>.sqlite3 (or --output), while it runs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Where to write the copy.")

    def handle(self, *args, **options) -> None:
        db = settings.DATABASES["default"]
        if "sqlite" not in db["ENGINE"]:
            raise CommandError("The database is not SQLite: back it up with pg_dump (README, Operations).")
        target = options["output"] or backup_path(Path(settings.VAR_DIR) / "backups")
        target.parent.mkdir(parents=True, exist_ok=True)
        sqlite_copy(db["NAME"], target)
        self.stdout.write(self.style.SUCCESS(f"Backed up to {target}"))
