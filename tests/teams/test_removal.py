"""Removing is not deleting history: a removed member's work stays, counted and attributed to a former member;
a milestone owner's removal asks who takes over; a partner with recorded work stays; nothing cascades away."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from phases.models import Milestone, Task, WorkLog
from phases.selectors import course_effort
from quality.models import Consent, EvaluationReport
from quality.services import decisions as decision_services
from teams import services
from teams.archive import course_archive
from teams.models import Membership, Partnership
from tests.factories.phases import add_milestone, add_task, log_work, member, running_design
from tests.factories.quality import make_decision, make_edition, submit_report
from tests.factories.teams import add_member

pytestmark = pytest.mark.django_db
Role = Membership.Role
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def busy_partner(cast):
    """The partner representative logged 12 hours on a task, recorded a position and submitted evaluation data."""
    today = timezone.localdate()
    design = running_design(cast.course, today)
    task = add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)])
    for i in range(6):
        log_work(task, cast.partner, on=today - timedelta(days=i), hours="2")
    institution = member(cast.course, cast.partner).institution
    decision = make_decision(cast.course)
    decision_services.consent_record(
        actor=cast.partner, decision=decision, institution=institution, position=Consent.Position.CONSENT
    )
    submit_report(make_edition(cast.course), institution)
    return task


def remove(client, cast, who, data=None, **headers):
    url = reverse("teams:member_remove", kwargs={"slug": cast.course.slug, "pk": member(cast.course, who).pk})
    return client.post(url, data or {}, **headers)


def test_removing_a_member_keeps_their_work_and_the_effort_totals(client, cast, busy_partner):
    before = course_effort(course=cast.course).total
    assert before == Decimal("12")
    client.force_login(cast.leader)
    assert remove(client, cast, cast.partner).status_code == 302
    assert not Membership.objects.filter(course=cast.course, user=cast.partner).exists()
    logs = WorkLog.objects.filter(task=busy_partner)
    assert logs.count() == 6 and all(log.user == cast.partner and log.member is None for log in logs)
    assert course_effort(course=cast.course).total == before
    assert Consent.objects.filter(recorded_by=cast.partner).count() == 1
    assert EvaluationReport.objects.filter(submitted_by=cast.partner).count() == 1


def test_the_effort_page_shows_a_former_members_hours(client, cast, busy_partner):
    services.membership_remove(actor=cast.leader, membership=member(cast.course, cast.partner))
    client.force_login(cast.leader)
    body = client.get(reverse("phases:effort", kwargs={"slug": cast.course.slug})).content.decode()
    assert "of which 12 h by former members" in body


def test_a_removed_member_loses_access_but_readded_sees_their_hours_again(client, cast, busy_partner):
    institution = member(cast.course, cast.partner).institution
    services.membership_remove(actor=cast.leader, membership=member(cast.course, cast.partner))
    client.force_login(cast.partner)
    assert client.get(reverse("teams:course_detail", kwargs={"slug": cast.course.slug})).status_code == 404
    services.membership_add(
        actor=cast.leader, course=cast.course, email=cast.partner.email, role=Role.PARTNER, institution=institution
    )
    assert WorkLog.objects.filter(user=cast.partner).count() == 6


def test_removing_a_milestone_owner_asks_who_takes_over_instead_of_failing(client, cast, busy_partner):
    milestone = add_milestone(busy_partner.phase, owner=member(cast.course, cast.partner), due_on=timezone.localdate())
    client.force_login(cast.leader)
    response = remove(client, cast, cast.partner, **HTMX)
    page = reverse("teams:member_remove", kwargs={"slug": cast.course.slug, "pk": member(cast.course, cast.partner).pk})
    assert response.status_code == 200 and response["HX-Redirect"] == page
    assert remove(client, cast, cast.partner).url == page  # without scripts: the same page
    body = client.get(page).content.decode()
    assert "Who takes over their milestones?" in body and milestone.title in body

    response = remove(client, cast, cast.partner, {"successor": ""})
    assert response.status_code == 400 and "choose who takes" in response.content.decode()

    qa = member(cast.course, cast.qa)
    assert remove(client, cast, cast.partner, {"successor": qa.pk}).status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).owner == qa
    assert not Membership.objects.filter(course=cast.course, user=cast.partner).exists()


def test_the_successor_must_be_in_the_same_team(cast, busy_partner):
    add_milestone(busy_partner.phase, owner=member(cast.course, cast.partner), due_on=timezone.localdate())
    stranger = member(cast.other_course, cast.outsider)
    with pytest.raises(ValidationError) as refused:
        services.membership_remove(actor=cast.leader, membership=member(cast.course, cast.partner), successor=stranger)
    assert "another member of this course's team" in str(refused.value)


def test_a_partner_institution_with_recorded_work_is_refused_with_the_reason(cast, busy_partner):
    institution = member(cast.course, cast.partner).institution
    for person in (cast.partner, cast.learner):
        services.membership_remove(actor=cast.leader, membership=member(cast.course, person))
    partnership = Partnership.objects.get(course=cast.course, institution=institution)
    with pytest.raises(ValidationError) as refused:
        services.partnership_remove(actor=cast.leader, partnership=partnership)
    message = " ".join(refused.value.messages)
    assert "6 work logs" in message and "1 position on a decision" in message and "1 evaluation report" in message
    assert Partnership.objects.filter(pk=partnership.pk).exists()


def test_a_partner_without_records_can_still_be_removed(cast):
    institution = add_member(cast.course, Role.PARTNER).institution
    Membership.objects.filter(course=cast.course, institution=institution).delete()
    services.partnership_remove(
        actor=cast.leader, partnership=Partnership.objects.get(course=cast.course, institution=institution)
    )
    assert not Partnership.objects.filter(course=cast.course, institution=institution).exists()


# --- Every cascade from a course-level record to people's work is a rule, not an accident (docs/retention.md) --


def test_a_task_with_work_cannot_be_deleted_even_bypassing_the_service(cast, busy_partner):
    with pytest.raises(ProtectedError):
        Task.objects.filter(pk=busy_partner.pk).delete()


def test_a_decision_with_positions_cannot_be_cascaded_away(cast, busy_partner):
    with pytest.raises(ProtectedError):
        Consent.objects.first().decision.delete()


def test_an_edition_with_evaluation_data_cannot_be_cascaded_away(cast, busy_partner):
    with pytest.raises(ProtectedError):
        EvaluationReport.objects.first().edition.delete()


def test_a_course_with_peoples_work_cannot_be_cascaded_away(cast, busy_partner):
    with pytest.raises(ProtectedError):
        cast.course.delete()
    assert WorkLog.objects.count() == 6


# --- A course goes only by an admin's explicit purge, after a page that lists what goes ---------------------------


def test_admin_purge_lists_what_goes_then_deletes_the_course_with_its_records(client, cast, busy_partner):
    from phases.models import Phase

    client.force_login(cast.admin)
    changelist = reverse("admin:teams_course_changelist")
    chosen = {"action": "purge", "_selected_action": [cast.course.pk]}
    refused = client.post(changelist, chosen, follow=True)
    assert "Only an archived course can be purged" in refused.content.decode()  # a course in use is not offered
    course_archive(actor=cast.admin, course=cast.course)
    page = client.post(changelist, chosen)
    body = page.content.decode()
    assert page.status_code == 200 and "6 work logs" in body and "1 position on a decision" in body
    assert "1 evaluation report" in body and cast.course.title in body
    assert WorkLog.objects.count() == 6  # nothing gone yet

    response = client.post(changelist, {**chosen, "confirm": "purge"})
    assert response.status_code == 302
    assert not type(cast.course).objects.filter(pk=cast.course.pk).exists()
    assert not WorkLog.objects.exists() and not Phase.objects.filter(course_id=cast.course.pk).exists()
    assert type(cast.course).objects.filter(pk=cast.other_course.pk).exists()


def test_the_admin_offers_no_plain_delete_of_a_course(client, cast):
    client.force_login(cast.admin)
    url = reverse("admin:teams_course_delete", args=[cast.course.pk])
    assert client.get(url).status_code == 403


def test_an_agreement_an_institution_signed_is_not_removed_and_the_refusal_says_why(client, cast):
    from support.models import Agreement
    from support.services import specifics

    agreement = specifics.agreement_add(actor=cast.leader, course=cast.course, kind="consortium", title="Consortium")
    specifics.signature_save(
        actor=cast.leader,
        agreement=agreement,
        institution=cast.course.lead_institution,
        status="signed",
        signed_on=timezone.localdate(),
    )
    client.force_login(cast.leader)
    url = reverse("support:agreement_remove", kwargs={"slug": cast.course.slug, "pk": agreement.pk})
    response = client.post(url)
    assert response.status_code == 403 and "already signed or declined" in response.content.decode()
    assert Agreement.objects.filter(pk=agreement.pk).exists()
