"""Run inside Django against a benchmark database: pick realistic users, count each page's queries, log the users
in (session cookies for the load tool), and time the reminder sweep. Prints one JSON line for bench_web.py."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings.local")
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from core.versions import bump_courses  # noqa: E402
from reminders.models import Reminder  # noqa: E402
from reminders.services import reminder_sweep_create  # noqa: E402
from teams.models import Course, Membership  # noqa: E402

Role = Membership.Role


def busiest(role: str, weight: str = "id") -> Membership:
    """The member of ``role`` with the most of ``weight`` across their courses (by default: the most courses), so
    each page is measured for its heaviest realistic user, with rows to show at both data set sizes."""
    user_id = (
        Membership.objects.filter(role=role)
        .values("user")
        .annotate(n=Count(weight, distinct=True))
        .order_by("-n", "user")
        .first()["user"]
    )
    return Membership.objects.filter(user_id=user_id, role=role).select_related("course", "user").first()


def main_pages() -> list[tuple[str, str, object]]:
    """The main pages as (label, path, user): each for the busiest realistic user of the role that uses it."""
    leader = busiest(Role.LEADER)
    partner = busiest(Role.PARTNER)
    qa = busiest(Role.QA_OFFICER, weight="course__editions__reports")
    slug, qa_course = leader.course.slug, qa.course.slug
    pages = [
        ("trivial view (ceiling)", "healthz", {}, "", None),
        # Not a main page: the least a signed-in page costs (session, user, base template with its bell), the floor
        # under every page below.
        ("signed-in page with nothing on it (floor)", "accounts:password_change_done", {}, "", partner.user),
        ("My courses", "teams:dashboard", {}, "", partner.user),
        ("what needs me", "attention:home", {}, "", partner.user),
        ("course page", "teams:course_detail", {"slug": slug}, "", leader.user),
        ("team", "teams:team", {"slug": slug}, "", leader.user),
        ("timeline", "phases:timeline", {"slug": slug}, "", leader.user),
        ("phase page", "phases:phase_detail", {"slug": slug, "kind": "development"}, "", leader.user),
        ("My tasks, filtered", "phases:my_tasks", {}, "?status=todo&sort=due", partner.user),
        ("support matrix", "support:matrix", {"slug": slug}, "", leader.user),
        ("decisions", "quality:decisions", {"slug": slug}, "", leader.user),
        ("evaluation", "quality:evaluation", {"slug": qa_course}, "", qa.user),
        ("QA submissions", "quality:submissions", {}, "", qa.user),
        ("reminders", "reminders:list", {}, "", partner.user),
        ("API: course list", "api:course_list", {}, "", partner.user),
        ("API: task list", "api:task_list", {"slug": slug}, "", leader.user),
    ]
    return [(label, reverse(name, kwargs=kwargs) + query, user) for label, name, kwargs, query, user in pages]


def reminder_sweep() -> dict:
    """The reminder sweep over the whole data set: from no reminders (seconds, reminders created, queries), then
    again as the next day's sweep finds them all there (``again_seconds``)."""
    reverse("healthz")  # a running worker has built its URL resolver; the first reverse() of a process does (2 s)
    Reminder.objects.all().delete()
    # What autovacuum does in an installation (it may be off on a test machine): without it the emptied table's
    # dead rows stay in its indexes, and every run with --reuse inserts into, and pages read, larger indexes.
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {Reminder._meta.db_table}")
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        reminder_sweep_create()
        seconds = time.perf_counter() - started
    created = Reminder.objects.count()
    started = time.perf_counter()
    reminder_sweep_create()
    again = time.perf_counter() - started
    with connection.cursor() as cursor:  # as autovacuum would after a quarter of a million new rows
        cursor.execute(f"ANALYZE {Reminder._meta.db_table}")
    return {"seconds": seconds, "created": created, "queries": len(ctx.captured_queries), "again_seconds": again}


def main() -> None:
    sweep = reminder_sweep()  # first: the reminders page then has reminders to show
    clients: dict[int, Client] = {}
    out, queries = [], {}
    for label, path, user in main_pages():
        client = Client()
        cookie = ""
        if user is not None:
            client = clients.setdefault(user.pk, Client())
            client.force_login(user)
            cookie = f"sessionid={client.cookies['sessionid'].value}"
        client.get(path)  # warm the session and content-type caches
        bump_courses(Course.objects.values_list("pk", flat=True))  # as after a change: fragments render afresh
        with CaptureQueriesContext(connection) as cold:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code} for {user}")
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        queries[label] = {"cold": len(cold.captured_queries), "warm": len(warm.captured_queries)}
        out.append({"label": label, "path": path, "cookie": cookie, "queries": queries[label]})

    print(json.dumps({"pages": out, "queries": queries, "sweep": sweep}))


if __name__ == "__main__":
    main()
