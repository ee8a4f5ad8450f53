"""The sweep: who is reminded of what, exactly once, by e-mail with retries; set-based query counts."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from phases.models import Milestone, Phase, Task
from reminders import tasks
from reminders.delivery import reminder_deliver_pending
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from tests.factories.phases import add_task, member
from tests.factories.teams import CourseFactory, add_member, leader_of

pytestmark = pytest.mark.django_db


def kinds_by_person(cast) -> set[tuple[str, str]]:
    names = {getattr(cast, who).pk: who for who in ("leader", "partner", "learner", "stakeholder", "qa")}
    return {(names[r.recipient_id], r.kind) for r in Reminder.objects.all()}


def test_owners_and_assignees_are_reminded_and_the_leader_of_what_is_overdue(cast, due_work):
    reminder_sweep_create()
    assert kinds_by_person(cast) == {
        ("partner", "task_due"),
        ("learner", "task_due"),
        ("partner", "milestone_due"),
        ("stakeholder", "task_overdue"),
        ("leader", "task_overdue"),
    }
    soon = Reminder.objects.get(recipient=cast.partner, kind="task_due")
    assert soon.occasion == f"due:{due_work['soon'].due_on.isoformat()}"
    assert soon.url == f"/courses/{cast.course.slug}/phases/design/#task-{due_work['soon'].pk}"
    assert soon.title.startswith("Task “Draft the syllabus” is due on")


def test_each_person_reads_their_reminders_in_their_own_language_not_the_workers(cast, due_work):
    cast.partner.preferred_language = "de"
    cast.partner.save()
    cast.stakeholder.preferred_language = "fr"
    cast.stakeholder.save()
    with translation.override("pl"):  # whatever language the worker runs in
        reminder_sweep_create()
    course, soon, late = cast.course.title, due_work["soon"].due_on, due_work["late"].due_on
    with translation.override("de"):
        soon_de = date_format(soon, "j M Y")
    with translation.override("fr"):
        late_fr = date_format(late, "j M Y")
    german = Reminder.objects.get(recipient=cast.partner, kind="task_due")
    assert german.title == f"Aufgabe „Draft the syllabus“ ist am {soon_de} fällig · {course}"
    assert german.past_title == f"Aufgabe „Draft the syllabus“ war am {soon_de} fällig · {course}"
    assert Reminder.objects.get(recipient=cast.partner, kind="milestone_due").title.startswith("Meilenstein „")
    french = Reminder.objects.get(recipient=cast.stakeholder, kind="task_overdue")
    assert french.title.startswith("La tâche «\xa0Survey employers\xa0»") and late_fr in french.title
    # Nobody chose a language for the learner and the leader: the site's (English).
    assert Reminder.objects.get(recipient=cast.learner, kind="task_due").title.startswith(
        "Task “Draft the syllabus” is due on"
    )
    assert Reminder.objects.get(recipient=cast.leader, kind="task_overdue").title.startswith(
        "Task “Survey employers” was due on"
    )


def test_a_title_longer_than_its_column_is_cut_with_an_ellipsis(cast, due_work):
    Task.objects.filter(pk=due_work["soon"].pk).update(title="Draft " * 33)  # the longest titles there are
    type(cast.course).objects.filter(pk=cast.course.pk).update(title="Course " * 28)
    reminder_sweep_create()
    title = Reminder.objects.get(recipient=cast.partner, kind="task_due").title
    assert len(title) == 300 and title.endswith("…") and title.startswith("Task “Draft Draft")


def test_the_course_lead_days_decide_how_early(cast, due_work):
    cast.course.reminder_lead_days = 2
    cast.course.save()
    reminder_sweep_create()
    assert ("partner", "task_due") not in kinds_by_person(cast)  # due in 3 days, reminded 2 days ahead


def test_a_done_task_is_not_reminded(cast, due_work):
    Task.objects.filter(pk=due_work["late"].pk).update(status=Task.Status.DONE)
    reminder_sweep_create()
    assert ("stakeholder", "task_overdue") not in kinds_by_person(cast)


def test_a_moved_deadline_is_a_new_occasion(cast, due_work):
    reminder_sweep_create()
    Reminder.objects.filter(recipient=cast.partner, kind="task_due").update(sent_at=timezone.now())
    Task.objects.filter(pk=due_work["soon"].pk).update(due_on=timezone.localdate() + timedelta(days=1))
    reminder_sweep_create()
    reminders = Reminder.objects.filter(recipient=cast.partner, kind="task_due").order_by("pk")
    assert len(reminders) == 2
    assert reminders[0].settled_at is not None and reminders[1].settled_at is None  # the old date no longer holds


def test_a_moved_deadline_withdraws_the_reminder_not_sent_yet(cast, due_work):
    reminder_sweep_create()
    Task.objects.filter(pk=due_work["soon"].pk).update(due_on=timezone.localdate() + timedelta(days=1))
    reminder_sweep_create()
    [reminder] = Reminder.objects.filter(recipient=cast.partner, kind="task_due")
    assert reminder.occasion == f"due:{timezone.localdate() + timedelta(days=1)}"


def test_phase_overrunning_and_due_to_start_remind_the_leader(cast, due_work):
    today = timezone.localdate()
    design = due_work["design"]
    Phase.objects.filter(pk=design.pk).update(planned_end=today - timedelta(days=1))
    Phase.objects.filter(course=cast.course, kind="development").update(planned_start=today + timedelta(days=3))
    reminder_sweep_create()
    leader_kinds = {r.kind for r in Reminder.objects.filter(recipient=cast.leader)}
    assert {"phase_overrunning", "phase_due_to_start"} <= leader_kinds


def test_sweeping_twice_creates_and_sends_each_reminder_once(cast, due_work, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.sweep()
    reminders = list(Reminder.objects.all())
    assert len(reminders) == 5 and all(r.sent_at for r in reminders)
    assert len(mail.outbox) == 5
    assert len({(m.to[0], m.subject) for m in mail.outbox}) == 5
    partner_mail = next(m for m in mail.outbox if m.to == [cast.partner.email] and "Draft the syllabus" in m.subject)
    assert f"http://testserver/courses/{cast.course.slug}/phases/design/#task-" in partner_mail.body or (
        "/phases/design/#task-" in partner_mail.body
    )


@override_settings(SITE_URL="https://microcred.example.eu")
def test_the_email_links_to_the_item_with_an_absolute_address(cast, due_work):
    reminder_sweep_create()
    reminder_deliver_pending()
    message = next(m for m in mail.outbox if m.to == [cast.partner.email] and "Draft the syllabus" in m.subject)
    assert f"https://microcred.example.eu/courses/{cast.course.slug}/phases/design/#task-{due_work['soon'].pk}" in (
        message.body
    )


def test_a_failed_email_is_retried_later_with_backoff_and_sent_once(cast, due_work):
    reminder_sweep_create()
    with override_settings(EMAIL_BACKEND="tests.reminders.mail.FailingBackend"):
        report = reminder_deliver_pending()
    assert (report.sent, report.failed) == (0, 5)
    failed = Reminder.objects.first()
    assert failed.sent_at is None and failed.attempts == 1 and "SMTP server unreachable" in failed.last_error
    assert timedelta(minutes=4) < failed.next_attempt_at - timezone.now() <= timedelta(minutes=5)
    assert reminder_deliver_pending().sent == 0  # still backing off
    Reminder.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    with override_settings(EMAIL_BACKEND="tests.reminders.mail.FailingBackend"):
        reminder_deliver_pending()
    assert Reminder.objects.first().attempts == 2
    delays = {r.next_attempt_at - timezone.now() for r in Reminder.objects.all()}
    assert all(timedelta(minutes=9) < d <= timedelta(minutes=10) for d in delays)  # doubled
    Reminder.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert reminder_deliver_pending().sent == 5
    assert reminder_deliver_pending().sent == 0
    assert len(mail.outbox) == 5


@override_settings(REMINDER_MAX_ATTEMPTS=2)
def test_after_the_last_attempt_a_reminder_stays_in_the_app_only(cast, due_work):
    reminder_sweep_create()
    with override_settings(EMAIL_BACKEND="tests.reminders.mail.FailingBackend"):
        for _ in range(3):
            reminder_deliver_pending()
            Reminder.objects.update(next_attempt_at=None)
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {2}
    assert reminder_deliver_pending().sent == 0


def test_send_reminders_command_runs_one_sweep(cast, due_work, capsys):
    call_command("send_reminders")
    assert "5 reminder(s) due; 5 e-mail(s) sent, 0 failed" in capsys.readouterr().out
    call_command("send_reminders")
    assert len(mail.outbox) == 5


def _many_due(n: int) -> None:
    """``n`` open tasks due tomorrow, each with one assignee, spread over courses of two partners."""
    today = timezone.localdate()
    from tests.factories.phases import running_design

    per_course = 50
    for start in range(0, n, per_course):
        course = CourseFactory()
        design = running_design(course, today)
        owner = member(course, leader_of(course))
        Task.objects.bulk_create(
            Task(phase=design, title=f"Task {i}", due_on=today + timedelta(days=1))
            for i in range(min(per_course, n - start))
        )
        through = Task.assignees.through
        through.objects.bulk_create(
            through(task_id=t, membership_id=owner.pk)
            for t in Task.objects.filter(phase=design).values_list("pk", flat=True)
        )


def sweep_queries(n: int) -> tuple[int, int]:
    _many_due(n)
    with CaptureQueriesContext(connection) as ctx:
        reminder_sweep_create()
    # SQLite's one executemany is logged as "N times: INSERT ..."; PostgreSQL's COPY is not logged at all.
    inserts = sum(1 for q in ctx.captured_queries if "INSERT INTO reminders_reminder" in q["sql"])
    return len(ctx.captured_queries) - inserts, inserts


def test_the_sweep_query_count_is_the_same_for_5_and_500_due_items(db):
    ContentType.objects.get_for_models(Task, Milestone, Phase)  # warm the content type cache both times alike
    few = sweep_queries(5)
    Reminder.objects.all().delete()
    Task.objects.all().delete()
    many = sweep_queries(500)
    assert Reminder.objects.filter(kind="task_due").count() == 500
    # Selects, and one statement that inserts (after a COPY on PostgreSQL), whatever the number of rows.
    assert few == many
    assert few[1] == 1


def test_a_member_of_two_courses_is_reminded_per_course(cast, due_work):
    second = CourseFactory()
    add_member(second, "partner", user=cast.partner)
    from tests.factories.phases import running_design

    add_task(running_design(second, timezone.localdate()), assignees=[member(second, cast.partner)],
             due_on=timezone.localdate() + timedelta(days=1))  # fmt: skip
    reminder_sweep_create()
    assert Reminder.objects.filter(recipient=cast.partner, kind="task_due").count() == 2
