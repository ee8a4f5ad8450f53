"""Support reminders: created exactly once per person and occasion, to the right people, in a fixed query count."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from phases.models import Phase
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from support import occasions
from support.models import ApprovalStep, Consultation, ServiceKind
from teams.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.support import ConsultationFactory, TaskForceMemberFactory, phase
from tests.factories.teams import CourseFactory, add_member, add_partner, leader_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 5, 4)
INTL, TL, IT = ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING, ServiceKind.IT


def sweep_twice() -> None:
    reminder_sweep_create(today=TODAY)
    reminder_sweep_create(today=TODAY)


def recipients(kind: str) -> list:
    return sorted(Reminder.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_consultation_due_soon_reminds_requester_and_representatives_once(cast, partner_institution):
    requester = cast.partner
    rep = TaskForceMemberFactory(course=cast.course, institution=partner_institution, kind=IT).user
    TaskForceMemberFactory(course=cast.course, institution=cast.course.lead_institution)  # another institution's
    cast.course.reminder_lead_days = 5
    cast.course.save()
    soon = ConsultationFactory(course=cast.course, institution=partner_institution, kind=IT, requested_by=requester,
                               requested_on=TODAY - timedelta(days=10), due_by=TODAY + timedelta(days=5))  # fmt: skip
    ConsultationFactory(course=cast.course, institution=partner_institution, kind=INTL, requested_by=requester,
                        requested_on=TODAY, due_by=TODAY + timedelta(days=6))  # beyond the lead days  # fmt: skip
    sweep_twice()
    assert recipients(occasions.KIND_DUE) == sorted([requester.pk, rep.pk])
    reminder = Reminder.objects.filter(kind=occasions.KIND_DUE).first()
    assert (reminder.subject_id, reminder.occasion) == (soon.pk, f"due:{soon.due_by.isoformat()}")
    assert reminder.url == f"/courses/{cast.course.slug}/support/"
    # A moved deadline is a new occasion: the same people hear of it once more; the old one shows settled.
    Reminder.objects.update(sent_at=timezone.now())
    Consultation.objects.filter(pk=soon.pk).update(due_by=TODAY + timedelta(days=4))
    sweep_twice()
    assert Reminder.objects.filter(kind=occasions.KIND_DUE).count() == 4
    assert Reminder.objects.filter(kind=occasions.KIND_DUE, settled_at__isnull=False).count() == 2


def test_planned_consultation_without_requester_reminds_the_leader(cast):
    ConsultationFactory(course=cast.course, status=Consultation.Status.PLANNED, requested_on=None, due_by=TODAY)
    sweep_twice()
    assert recipients(occasions.KIND_DUE) == [cast.leader.pk]


def test_lapsed_consultation_reminds_requester_leader_and_representatives(cast, partner_institution):
    rep = TaskForceMemberFactory(course=cast.course, institution=partner_institution).user
    ConsultationFactory(course=cast.course, institution=partner_institution, requested_by=cast.partner,
                        requested_on=TODAY - timedelta(days=20), due_by=TODAY - timedelta(days=1))  # fmt: skip
    ConsultationFactory(course=cast.course, kind=TL, requested_by=cast.leader,
                        requested_on=TODAY - timedelta(days=20), due_by=TODAY)  # due today: not lapsed  # fmt: skip
    sweep_twice()
    assert recipients(occasions.KIND_LAPSED) == sorted([cast.partner.pk, cast.leader.pk, rep.pk])
    assert Reminder.objects.filter(kind=occasions.KIND_LAPSED, title__startswith="Lapsed:").count() == 3


def test_held_consultation_is_not_reminded(cast):
    ConsultationFactory(course=cast.course, status=Consultation.Status.HELD, requested_on=TODAY - timedelta(days=9),
                        due_by=TODAY - timedelta(days=1), held_on=TODAY - timedelta(days=2))  # fmt: skip
    sweep_twice()
    assert not Reminder.objects.exists()


def test_design_started_without_the_leads_first_consultations_reminds_the_leader(cast, partner_institution):
    phase(
        cast.course,
        Phase.Kind.DESIGN,
        TODAY - timedelta(days=3),
        TODAY + timedelta(days=120),
        TODAY - timedelta(days=3),
    )
    ConsultationFactory(
        course=cast.course, kind=INTL, requested_on=TODAY - timedelta(days=1), due_by=TODAY + timedelta(days=9)
    )
    ConsultationFactory(course=cast.course, institution=partner_institution, kind=TL, requested_on=TODAY, due_by=TODAY + timedelta(days=9))  # fmt: skip
    not_started = CourseFactory()
    phase(not_started, Phase.Kind.DESIGN, TODAY + timedelta(days=1), TODAY + timedelta(days=120))
    sweep_twice()
    reminders = list(Reminder.objects.filter(kind=occasions.KIND_FIRST_STEP))
    assert [(r.recipient_id, r.occasion) for r in reminders] == [
        (cast.leader.pk, f"first:{TL}:{(TODAY - timedelta(days=3)).isoformat()}")
    ]
    assert "teaching and learning support" in reminders[0].title


def test_approval_step_open_before_implementation_reminds_leader_and_that_institutions_people(
    cast, partner_institution
):
    weeks = 8
    phase(cast.course, Phase.Kind.IMPLEMENTATION, TODAY + timedelta(weeks=weeks), TODAY + timedelta(weeks=60))
    for step in ApprovalStep.Step.values:
        ApprovalStep.objects.create(course=cast.course, institution=cast.course.lead_institution, step=step,
                                    status="done", completed_on=TODAY)  # fmt: skip
    ApprovalStep.objects.create(
        course=cast.course, institution=partner_institution, step="faculty", status="done", completed_on=TODAY
    )
    prog_admin = TaskForceMemberFactory(course=cast.course, institution=partner_institution,
                                        kind=ServiceKind.PROGRAMME_ADMINISTRATION).user  # fmt: skip
    TaskForceMemberFactory(course=cast.course, institution=partner_institution, kind=IT)  # not about approvals
    sweep_twice()
    rows = set(Reminder.objects.filter(kind=occasions.KIND_APPROVAL).values_list("recipient_id", "occasion"))
    start = (TODAY + timedelta(weeks=weeks)).isoformat()
    expected = {
        (user.pk, f"approval:{step}:{start}")
        for user in (cast.leader, cast.partner, prog_admin)
        for step in ("university", "programme_guide")
    }
    assert rows == expected


def test_approval_reminder_waits_until_the_set_number_of_weeks(cast, settings):
    settings.SUPPORT_APPROVAL_WEEKS = 4
    phase(cast.course, Phase.Kind.IMPLEMENTATION, TODAY + timedelta(weeks=4, days=1), TODAY + timedelta(weeks=60))
    sweep_twice()
    assert not Reminder.objects.filter(kind=occasions.KIND_APPROVAL).exists()
    settings.SUPPORT_APPROVAL_WEEKS = 5
    sweep_twice()
    assert Reminder.objects.filter(kind=occasions.KIND_APPROVAL).exists()


def _world(n: int) -> None:
    """n courses, each in design with a partner, a lapsed and a due-soon consultation, implementation near."""
    for _ in range(n):
        course = CourseFactory()
        partner = add_partner(course)
        add_member(course, Membership.Role.PARTNER, institution=partner)
        phase(course, Phase.Kind.DESIGN, TODAY - timedelta(days=200), TODAY + timedelta(days=1))
        phase(course, Phase.Kind.IMPLEMENTATION, TODAY + timedelta(days=30), TODAY + timedelta(days=400))
        leader = leader_of(course)
        ConsultationFactory(course=course, kind=IT, requested_by=leader, requested_on=TODAY - timedelta(days=30),
                            due_by=TODAY - timedelta(days=2))  # fmt: skip
        ConsultationFactory(course=course, institution=partner, kind=INTL, requested_by=UserFactory(),
                            requested_on=TODAY, due_by=TODAY + timedelta(days=2))  # fmt: skip
        TaskForceMemberFactory(course=course, institution=partner, kind=ServiceKind.PROGRAMME_ADMINISTRATION)


PROVIDERS = [
    occasions.consultations_due_soon,
    occasions.consultations_lapsed,
    occasions.first_consultations_missing,
    occasions.approval_steps_open,
]


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.__name__)
def test_provider_query_count_is_fixed(provider):
    """Same number of queries for 2 courses and for 20; more reminders, not more queries."""
    counts, produced = [], []
    for new_courses in (2, 18):
        _world(new_courses)
        provider(TODAY)  # warm the content-type cache
        with CaptureQueriesContext(connection) as ctx:
            produced.append(len(provider(TODAY)))
        counts.append(len(ctx.captured_queries))
    assert produced[1] > produced[0] > 0
    assert counts[0] == counts[1], counts
