"""`make bench`, part 1: the reminder sweep over 2,000 courses and 100,000 tasks and milestones.

Builds the data set with bulk inserts in a database of its own (PostgreSQL `<DATABASE_URL name>_bench` when
DATABASE_URL points at PostgreSQL, else a temporary SQLite file), runs the sweep twice (the second finds
nothing new) and e-mails a sample, and prints a Markdown table. Never touches the development database.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COURSES = int(os.environ.get("BENCH_COURSES", 2000))
TASKS_PER_COURSE = int(os.environ.get("BENCH_TASKS_PER_COURSE", 40))
MILESTONES_PER_COURSE = int(os.environ.get("BENCH_MILESTONES_PER_COURSE", 10))
MAIL_SAMPLE = int(os.environ.get("BENCH_MAIL_SAMPLE", 2000))


def bench_database_url() -> tuple[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parsed = urlparse(url)
        name = parsed.path.lstrip("/") + "_bench_sweep"
        admin = urlunparse(parsed._replace(path="/postgres"))
        from benchdb import recreate_database

        recreate_database(admin, name)
        return urlunparse(parsed._replace(path=f"/{name}")), f"PostgreSQL ({name})"
    path = Path(tempfile.mkdtemp(prefix="microcred-bench-")) / "bench.sqlite3"
    return f"sqlite:///{path}", f"SQLite ({path})"


def main() -> int:
    url, label = bench_database_url()
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "microcred.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = build(timezone.localdate())
    build_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum would have done after such a load

    from reminders.delivery import reminder_deliver_pending
    from reminders.models import Reminder
    from reminders.services import reminder_sweep_create

    rows = []
    for run in ("first sweep", "second sweep (nothing new)"):
        before = Reminder.objects.count()
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            offered = reminder_sweep_create()
            seconds = time.perf_counter() - t0
        created = Reminder.objects.count() - before
        if connection.vendor == "postgresql" and created:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE reminders_reminder")
        rows.append((run, offered, created, seconds, len(ctx.captured_queries)))
    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        report = reminder_deliver_pending(limit=MAIL_SAMPLE)
        mail_seconds = time.perf_counter() - t0

    print(f"\nReminder sweep benchmark on {label}")
    print(f"{counts['courses']:,} courses, {counts['tasks']:,} tasks, {counts['milestones']:,} milestones "
          f"(built in {build_seconds:.1f} s)\n")  # fmt: skip
    print("| run | due (offered) | reminders created | seconds | created per second | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for run, offered, created, seconds, queries in rows:
        print(f"| {run} | {offered:,} | {created:,} | {seconds:.2f} | {created / seconds:,.0f} | {queries} |")
    print("\n| e-mail delivery (locmem backend) | e-mails | seconds | per second | queries per e-mail |")
    print("| --- | ---: | ---: | ---: | ---: |")
    sent = max(report.sent, 1)
    print(f"| sample | {report.sent:,} | {mail_seconds:.2f} | {report.sent / mail_seconds:,.0f} | "
          f"{len(ctx.captured_queries) / sent:.1f} |")  # fmt: skip
    return 0


def build(today) -> dict[str, int]:
    """Bulk-insert the data set: leaders and partners, three phases per course, tasks and milestones."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from phases.models import Milestone, Phase, Task
    from teams.models import Course, Institution, Membership, Partnership

    institutions = Institution.objects.bulk_create(
        Institution(name=f"Bench University {i}", short_name=f"BU{i}", country="BE") for i in range(50)
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"bench{i}@example.org", first_name="Bench", last_name=f"Person {i}", password=password)
        for i in range(COURSES * 2)
    )
    courses = Course.objects.bulk_create(
        Course(
            title=f"Bench course {i}",
            slug=f"bench-{i}",
            lead_institution=institutions[i % 50],
            ects_credits=5,
            eqf_level=6,
            languages=["en"],
        )
        for i in range(COURSES)
    )
    Partnership.objects.bulk_create(
        Partnership(course=c, institution=institutions[i % 50], role=Partnership.Role.LEAD)
        for i, c in enumerate(courses)
    )
    members = Membership.objects.bulk_create(
        m
        for i, c in enumerate(courses)
        for m in (
            Membership(course=c, user=users[2 * i], role=Membership.Role.LEADER, institution=institutions[i % 50]),
            Membership(course=c, user=users[2 * i + 1], role=Membership.Role.PARTNER, institution=institutions[i % 50]),
        )
    )
    phases = Phase.objects.bulk_create(
        p
        for i, c in enumerate(courses)
        for p in (
            Phase(
                course=c,
                kind=Phase.Kind.DESIGN,
                planned_start=today - timedelta(days=60 + i % 30),
                planned_end=today + timedelta(days=40 - i % 50),
                actual_start=today - timedelta(days=60),
            ),
            Phase(
                course=c,
                kind=Phase.Kind.DEVELOPMENT,
                planned_start=today + timedelta(days=41),
                planned_end=today + timedelta(days=230),
            ),
            Phase(
                course=c,
                kind=Phase.Kind.IMPLEMENTATION,
                planned_start=today + timedelta(days=231),
                planned_end=today + timedelta(days=231 + 3 * 365),
            ),
        )
    )
    designs = phases[::3]
    tasks = Task.objects.bulk_create(
        (
            Task(phase=designs[i], title=f"Task {j} of course {i}", due_on=today + timedelta(days=(i + j) % 120 - 30))
            for i in range(COURSES)
            for j in range(TASKS_PER_COURSE)
        ),
        batch_size=5000,
    )
    through = Task.assignees.through
    through.objects.bulk_create(
        (
            through(task_id=t.pk, membership_id=members[2 * (n // TASKS_PER_COURSE) + (n % 2)].pk)
            for n, t in enumerate(tasks)
        ),
        batch_size=5000,
    )
    Milestone.objects.bulk_create(
        (
            Milestone(
                phase=designs[i],
                title=f"Milestone {j}",
                owner=members[2 * i],
                due_on=today + timedelta(days=(i + 3 * j) % 120 - 30),
            )
            for i in range(COURSES)
            for j in range(MILESTONES_PER_COURSE)
        ),
        batch_size=5000,
    )
    return {"courses": COURSES, "tasks": len(tasks), "milestones": COURSES * MILESTONES_PER_COURSE}


if __name__ == "__main__":
    sys.exit(main())
