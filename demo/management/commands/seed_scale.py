"""Generate a consortium-scale data set for `make bench` (bulk inserts; minutes, not hours)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from demo.scale import phases, quality, support, teams
from teams.models import Course

# What each app adds on top of the teams, in this order (each has seed(ctx)).
SCALE_PARTS = {"phases": phases, "support": support, "quality": quality}


class Command(BaseCommand):
    help = "Generate N courses across institutions with members, phases, tasks, work logs, support and QA data."

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=1000)
        parser.add_argument("--institutions", type=int, default=60)
        parser.add_argument("--members", type=int, default=20, help="members per course")

    def handle(self, *args, courses: int, institutions: int, members: int, **options) -> None:
        if Course.objects.filter(slug__startswith="scale-").exists():
            raise CommandError("A scale data set already exists in this database; use a fresh database.")
        started = time.monotonic()
        with transaction.atomic():
            ctx = teams.seed(
                courses=courses, institutions=institutions, members_per_course=members, today=timezone.localdate()
            )
            self.stdout.write(
                f"teams: {courses} courses, {institutions} institutions ({time.monotonic() - started:.1f}s)"
            )
            for app, part in SCALE_PARTS.items():
                part.seed(ctx)
                self.stdout.write(f"{app}: done ({time.monotonic() - started:.1f}s)")
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would gather soon after a real bulk load: without them the planner
            # guesses row counts and scans whole tables (the overview's late tasks took 12 ms instead of 0.05 ms).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Scale data set ready in {time.monotonic() - started:.1f}s."))
