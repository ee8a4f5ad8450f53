"""A course is archived, not deleted: readable by its team, closed to every change, out of the default list and the
reminders, and restored by its leader or an admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from phases.models import Milestone, WorkLog
from quality.models import Consent
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from support.models import Consultation, ServiceKind
from teams.archive import course_archive, course_unarchive
from teams.models import Course, Membership
from tests.factories.phases import add_milestone, add_task, member, running_design
from tests.factories.quality import make_decision
from tests.utils import expect, matrix
from webhooks import services as webhook_services

pytestmark = pytest.mark.django_db
Role = Membership.Role
ARCHIVED_REASON = "is archived: it can be read, but nothing in it can be changed"


def archive_url(course: Course, name: str = "course_archive") -> str:
    return reverse(f"teams:{name}", kwargs={"slug": course.slug})


def archived(cast) -> Course:
    return course_archive(actor=cast.leader, course=cast.course)


# --- Who may archive and restore ----------------------------------------------------------------------------------


def test_only_the_leader_and_an_admin_see_the_archive_confirmation(cast):
    assert matrix(cast, "get", archive_url(cast.course)) == expect(
        anonymous=302, outsider=404, learner=403, stakeholder=403, partner=403, qa=403, leader=200, admin=200
    )


def test_the_confirmation_says_what_archiving_means_and_nothing_changes_until_confirmed(client, cast):
    client.force_login(cast.leader)
    body = client.get(archive_url(cast.course)).content.decode()
    assert "stays readable to its team" in body and "Archive course" in body and "No reminders" in body
    assert not Course.objects.get(pk=cast.course.pk).is_archived


@pytest.mark.parametrize("who", ["learner", "stakeholder", "partner", "qa"])
def test_team_members_other_than_the_leader_cannot_archive(client, cast, who):
    client.force_login(cast.user(who))
    response = client.post(archive_url(cast.course))
    assert response.status_code == 403 and "Only the course leader or an admin" in response.content.decode()
    assert not Course.objects.get(pk=cast.course.pk).is_archived


def test_another_courses_member_and_anonymous_cannot_archive(client, cast):
    assert client.post(archive_url(cast.course)).status_code == 302  # to the login page
    client.force_login(cast.outsider)
    assert client.post(archive_url(cast.course)).status_code == 404
    assert not Course.objects.get(pk=cast.course.pk).is_archived


@pytest.mark.parametrize("who", ["leader", "admin"])
def test_the_leader_or_an_admin_archives_and_the_history_records_who_and_when(client, cast, who):
    actor = cast.user(who)
    client.force_login(actor)
    response = client.post(archive_url(cast.course), follow=True)
    assert response.status_code == 200 and "is archived: it can be read, not changed" in response.content.decode()
    course = Course.objects.get(pk=cast.course.pk)
    assert course.is_archived and course.archived_by == actor
    assert timezone.now() - course.archived_at < timedelta(minutes=1)
    latest = course.history.latest()
    assert latest.history_user == actor and latest.archived_at == course.archived_at


def test_restoring_is_for_the_leader_and_an_admin(client, cast):
    archived(cast)
    url = archive_url(cast.course, "course_restore")
    assert matrix(cast, "get", url) == expect(
        anonymous=302, outsider=404, learner=403, stakeholder=403, partner=403, qa=403, leader=200, admin=200
    )
    client.force_login(cast.partner)
    assert client.post(url).status_code == 403 and Course.objects.get(pk=cast.course.pk).is_archived
    client.force_login(cast.leader)
    assert client.post(url).status_code == 302
    course = Course.objects.get(pk=cast.course.pk)
    assert not course.is_archived and course.history.latest().history_user == cast.leader


def test_archiving_twice_is_refused_with_the_reason(client, cast):
    archived(cast)
    client.force_login(cast.admin)
    body = client.get(archive_url(cast.course)).content.decode()
    assert "is archived already" in body and "Archive course" not in body


# --- An archived course refuses every write, and stays readable ----------------------------------------------------


@pytest.fixture
def work(cast):
    today = timezone.localdate()
    design = running_design(cast.course, today)
    task = add_task(design, assignees=[member(cast.course, cast.partner)], due_on=today + timedelta(days=3))
    milestone = add_milestone(design, owner=member(cast.course, cast.partner), due_on=today + timedelta(days=20))
    return task, milestone


def writes(cast, task, milestone) -> list[tuple[str, object, str, dict, object]]:
    """(name, who, url, data, the rows that must not change) for a representative write of each kind."""
    slug, today, lead = cast.course.slug, timezone.localdate(), cast.course.lead_institution
    decision = make_decision(cast.course)
    intl = ServiceKind.INTERNATIONALISATION
    return [
        ("log work", cast.partner, reverse("phases:work_log_add", kwargs={"slug": slug, "pk": task.pk}),
         {f"log-{task.pk}-date": today.isoformat(), f"log-{task.pk}-hours": "2"}, WorkLog.objects.all()),
        ("add a member", cast.leader, reverse("teams:member_add", kwargs={"slug": slug}),
         {"member-email": "ana@example.org", "member-role": Role.LEARNER, "member-institution": lead.pk},
         Membership.objects.filter(course=cast.course)),
        ("record a position", cast.leader,
         reverse("quality:consent_record", kwargs={"slug": slug, "pk": decision.pk}),
         {"consent-position": Consent.Position.CONSENT}, Consent.objects.all()),
        ("edit a milestone", cast.leader, reverse("phases:milestone_edit", kwargs={"slug": slug, "pk": milestone.pk}),
         {"title": "Renamed", "due_on": milestone.due_on.isoformat(), "owner": milestone.owner_id},
         Milestone.objects.filter(title="Renamed")),
        ("request a support consultation", cast.leader,
         reverse("support:consultation_edit", kwargs={"slug": slug, "institution_id": lead.pk, "kind": intl}),
         {f"consultation-{lead.pk}-{intl}-status": "requested"}, Consultation.objects.exclude(status="not_requested")),
        ("edit the course details", cast.leader, reverse("teams:course_edit", kwargs={"slug": slug}),
         {"title": "Renamed course"}, Course.objects.filter(title="Renamed course")),
    ]  # fmt: skip


def test_every_kind_of_write_is_refused_with_the_reason_on_an_archived_course(client, cast, work):
    cases = writes(cast, *work)
    before = {name: list(rows.values_list("pk", flat=True)) for name, _who, _url, _data, rows in cases}
    archived(cast)
    for name, who, url, data, rows in cases:
        client.force_login(who)
        response = client.post(url, data)
        assert response.status_code == 403, name
        assert ARCHIVED_REASON in response.content.decode(), name
        assert list(rows.values_list("pk", flat=True)) == before[name], name


def edit_forms(cast, task, milestone) -> dict[str, str]:
    """The pages whose GET opens a form that changes the course, by what they edit."""
    from tests.factories.quality import make_edition

    slug = cast.course.slug
    edition = make_edition(cast.course)
    kw = {"slug": slug}
    return {
        "course details": reverse("teams:course_edit", kwargs=kw),
        "team composition": reverse("teams:team", kwargs=kw),
        "phase plan": reverse("phases:plan", kwargs=kw),
        "milestone": reverse("phases:milestone_edit", kwargs={**kw, "pk": milestone.pk}),
        "task": reverse("phases:task_edit", kwargs={**kw, "pk": task.pk}),
        "credential profile": reverse("credentials:profile_edit", kwargs=kw),
        "delivery platform": reverse("support:platform_edit", kwargs=kw),
        "evaluation procedure": reverse("quality:procedure_edit", kwargs=kw),
        "evaluation edition": reverse("quality:edition_edit", kwargs={**kw, "pk": edition.pk}),
    }


def test_the_edit_forms_of_an_archived_course_do_not_open_and_say_why(client, cast, work):
    forms = edit_forms(cast, *work)
    client.force_login(cast.leader)
    for name, url in forms.items():
        assert client.get(url).status_code == 200, name  # they open while the course is open
    archived(cast)
    for name, url in forms.items():
        response = client.get(url)
        assert response.status_code == 403, name
        assert ARCHIVED_REASON in response.content.decode(), name
    client.force_login(cast.admin)
    response = client.get(forms["course details"])
    assert response.status_code == 403 and ARCHIVED_REASON in response.content.decode()
    assert client.get(archive_url(cast.course, "course_restore")).status_code == 200  # restoring still opens


def test_a_representative_cannot_open_the_report_form_of_an_archived_course(client, cast):
    from tests.factories.quality import make_edition

    edition = make_edition(cast.course)
    url = reverse("quality:report_submit", kwargs={"slug": cast.course.slug, "pk": edition.pk})
    client.force_login(cast.partner)
    assert client.get(url).status_code == 200
    archived(cast)
    response = client.get(url)
    assert response.status_code == 403 and ARCHIVED_REASON in response.content.decode()


def test_after_restoring_the_team_writes_again(client, cast, work):
    task, _milestone = work
    archived(cast)
    course_unarchive(actor=cast.admin, course=cast.course)
    client.force_login(cast.partner)
    data = {f"log-{task.pk}-date": timezone.localdate().isoformat(), f"log-{task.pk}-hours": "2"}
    url = reverse("phases:work_log_add", kwargs={"slug": cast.course.slug, "pk": task.pk})
    assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 200
    assert WorkLog.objects.filter(task=task).count() == 1


def test_the_api_refuses_a_write_on_an_archived_course_and_still_reads(cast, work):
    from rest_framework.test import APIClient

    from api.services import token_create

    task, _milestone = work
    archived(cast)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_create(user=cast.partner, name='script', scope='write')[1]}")
    url = reverse("api:work_log_list", kwargs={"slug": cast.course.slug, "pk": task.pk})
    response = client.post(url, {"date": timezone.localdate().isoformat(), "hours": "2"}, format="json")
    assert response.status_code == 403 and ARCHIVED_REASON in response.json()["detail"]
    assert response["Content-Type"].startswith("application/json")
    assert not WorkLog.objects.exists()
    assert client.get(url).status_code == 200
    task_url = reverse("api:task_detail", kwargs={"slug": cast.course.slug, "pk": task.pk})
    response = client.patch(task_url, {"status": "in_progress"}, format="json")
    assert response.status_code == 403 and ARCHIVED_REASON in response.json()["detail"]
    task.refresh_from_db()
    assert task.status != "in_progress"
    admin = APIClient()
    admin.credentials(HTTP_AUTHORIZATION=f"Bearer {token_create(user=cast.admin, name='hooks', scope='write')[1]}")
    hooks = reverse("api:webhook_list", kwargs={"slug": cast.course.slug})
    response = admin.post(hooks, {"url": "https://hooks.example.org/in", "events": ["decision.agreed"]}, format="json")
    assert response.status_code == 403 and ARCHIVED_REASON in response.json()["detail"]
    assert admin.get(hooks).status_code == 200  # the subscriptions stay readable


def test_an_archived_course_stays_readable_and_shows_no_write_controls(client, cast, work):
    archived(cast)
    client.force_login(cast.leader)
    page = client.get(cast.course.get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200 and "This course was archived on" in body
    assert reverse("teams:course_edit", kwargs={"slug": cast.course.slug}) not in body  # no "Edit details"
    assert "Compose team" not in body and archive_url(cast.course, "course_restore") in body
    for name in ("teams:history", "phases:effort", "phases:timeline"):
        assert client.get(reverse(name, kwargs={"slug": cast.course.slug})).status_code == 200, name
    client.force_login(cast.learner)
    body = client.get(cast.course.get_absolute_url()).content.decode()
    assert archive_url(cast.course, "course_restore") not in body
    assert client.get(reverse("phases:my_tasks")).status_code == 200


def test_the_support_evaluation_and_document_pages_of_an_archived_course_offer_no_changes(client, cast, work):
    from tests.factories.quality import make_edition

    edition = make_edition(cast.course)
    slug = cast.course.slug
    pages = {
        "support": (reverse("support:matrix", kwargs={"slug": slug}), f"/courses/{slug}/support/consultations/"),
        "evaluation": (reverse("quality:evaluation", kwargs={"slug": slug}),
                       reverse("quality:report_submit", kwargs={"slug": slug, "pk": edition.pk})),
        "documents": (reverse("documents:list", kwargs={"slug": slug}), 'id="upload-heading"'),
    }  # fmt: skip
    client.force_login(cast.leader)
    for name, (url, control) in pages.items():
        assert control in client.get(url).content.decode(), name  # offered while the course is open
    archived(cast)
    for name, (url, control) in pages.items():
        response = client.get(url)
        assert response.status_code == 200 and control not in response.content.decode(), name


def test_what_needs_me_leaves_an_archived_course_out_and_my_tasks_offers_no_log_work(client, cast, work):
    task, _milestone = work
    client.force_login(cast.partner)
    log_url = reverse("phases:work_log_add", kwargs={"slug": cast.course.slug, "pk": task.pk})
    assert task.title in client.get(reverse("attention:home")).content.decode()
    assert log_url in client.get(reverse("phases:my_tasks")).content.decode()
    archived(cast)
    assert task.title not in client.get(reverse("attention:home")).content.decode()
    my_tasks = client.get(reverse("phases:my_tasks")).content.decode()
    assert task.title in my_tasks and log_url not in my_tasks  # still listed, to read


# --- My courses, reminders, webhooks --------------------------------------------------------------------------------


def test_my_courses_lists_an_archived_course_only_under_its_filter(client, cast):
    client.force_login(cast.partner)
    dashboard = reverse("teams:dashboard")
    assert cast.course.title in client.get(dashboard).content.decode()
    archived(cast)
    current = client.get(dashboard).content.decode()
    assert cast.course.title not in current and "?state=archived" in current
    listed = client.get(dashboard + "?state=archived").content.decode()
    assert cast.course.title in listed and "Archived" in listed
    assert client.get(dashboard + "?state=nonsense").status_code == 200  # an unknown filter lists the current ones


def test_the_reminder_sweep_skips_an_archived_course_and_archiving_withdraws_what_was_not_sent(cast, work):
    reminder_sweep_create()
    assert Reminder.objects.filter(course=cast.course).exists()  # the task due in three days
    archived(cast)
    assert not Reminder.objects.filter(course=cast.course, sent_at__isnull=True).exists()
    reminder_sweep_create()
    assert not Reminder.objects.filter(course=cast.course).exists()
    course_unarchive(actor=cast.leader, course=cast.course)
    reminder_sweep_create()
    assert Reminder.objects.filter(course=cast.course).exists()


def test_nothing_is_announced_to_webhooks_about_an_archived_course(cast):
    webhook_services.subscription_create(
        actor=cast.admin, course=cast.course, url="http://127.0.0.1:9/in", events=["decision.agreed"],
        allow_private_network=True,
    )  # fmt: skip
    assert webhook_services.event_emit(type="decision.agreed", course=cast.course, data={}) is not None
    course = archived(cast)
    assert webhook_services.event_emit(type="decision.agreed", course=course, data={}) is None


def test_the_archived_list_costs_as_many_queries_as_the_current_one_for_2_and_20_courses(client, cast):
    from tests.factories.teams import CourseFactory, add_member
    from tests.teams.test_queries import queries_for

    counts = []
    for n in (2, 20):
        for _ in range(n - Course.objects.filter(archived_at__isnull=False).count()):
            course = CourseFactory()
            add_member(course, Role.LEARNER, user=cast.learner, institution=course.lead_institution)
            course_archive(actor=cast.admin, course=course)
        counts.append(queries_for(client, cast.learner, reverse("teams:dashboard") + "?state=archived"))
    assert counts == [3, 3]  # as the current list (tests/teams/test_queries.py)


def test_the_archive_and_restore_confirmations_read_a_fixed_few_queries(client, cast):
    from tests.teams.test_queries import queries_for

    archive = queries_for(client, cast.leader, archive_url(cast.course))
    course_archive(actor=cast.leader, course=cast.course)
    restore = queries_for(client, cast.leader, archive_url(cast.course, "course_restore"))
    assert (archive, restore) == (3, 3)  # a confirmation page: no list, nothing that grows with the course
