"""The phase rules at their boundaries, with the messages a leader reads."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from phases.dates import ONE_DAY, add_months, describe_duration, duration
from phases.models import Phase, PhaseStatus, WorkLog
from phases.services.phase import phase_record_actual
from phases.services.plan import PlannedPhase, phase_plan_propose, phase_plan_save, phase_plan_validate
from phases.services.work import milestone_create
from teams.models import Membership
from tests.factories.phases import add_task, log_work, member, plan_phases, running_design
from tests.factories.teams import add_member, add_partner, leader_of

pytestmark = pytest.mark.django_db
Kind = Phase.Kind
D, DEV, IMP = Kind.DESIGN, Kind.DEVELOPMENT, Kind.IMPLEMENTATION
START = date(2026, 1, 15)


def plan(design_end: date, development=(date(2026, 4, 15), date(2026, 10, 14)), implementation=None):
    implementation = implementation or (development[1] + ONE_DAY, add_months(development[1] + ONE_DAY, 36) - ONE_DAY)
    return [
        PlannedPhase(D, START, design_end),
        PlannedPhase(DEV, *development),
        PlannedPhase(IMP, *implementation),
    ]


def errors_of(course, phases) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        phase_plan_validate(course=course, plan=phases)
    return info.value.message_dict


def test_months_are_counted_as_people_count_them():
    assert duration(date(2026, 1, 1), date(2026, 3, 31)) == (3, 0)
    assert duration(date(2026, 2, 1), date(2026, 2, 28)) == (1, 0)
    assert describe_duration(date(2026, 1, 15), date(2026, 4, 13)) == "2 months and 30 days"
    assert describe_duration(date(2026, 1, 1), date(2028, 12, 3)) == "2 years, 11 months and 3 days"


def test_design_of_exactly_three_months_passes(cast):
    phase_plan_validate(course=cast.course, plan=plan(design_end=date(2026, 4, 14)))


def test_design_one_day_short_is_refused_with_how_much(cast):
    errors = errors_of(cast.course, plan(design_end=date(2026, 4, 13)))
    assert errors == {"design_end": ["Design must last at least 3 months; this plan gives 2 months and 30 days."]}


def test_the_issue_example_message(cast):
    errors = errors_of(cast.course, plan(design_end=date(2026, 3, 26)))
    assert errors["design_end"] == ["Design must last at least 3 months; this plan gives 2 months and 12 days."]


def test_development_of_six_months_passes_and_one_day_less_is_refused(cast):
    phase_plan_validate(course=cast.course, plan=plan(date(2026, 4, 14)))
    short = (date(2026, 4, 15), date(2026, 10, 13))
    errors = errors_of(
        cast.course, plan(date(2026, 4, 14), development=short, implementation=(date(2026, 10, 15), date(2029, 10, 14)))
    )
    assert errors == {
        "development_end": ["Development must last at least 6 months; this plan gives 5 months and 29 days."]
    }


@override_settings(MICROCRED={"DESIGN_MIN_MONTHS": 4, "DEVELOPMENT_MIN_MONTHS": 6})
def test_settings_may_raise_the_design_minimum(cast):
    errors = errors_of(cast.course, plan(design_end=date(2026, 4, 14)))
    assert errors["design_end"] == ["Design must last at least 4 months; this plan gives 3 months."]


@override_settings(MICROCRED={"DESIGN_MIN_MONTHS": 1, "DEVELOPMENT_MIN_MONTHS": 2})
def test_settings_never_lower_the_minimum_below_the_guideline(cast):
    errors = errors_of(cast.course, plan(design_end=date(2026, 3, 26)))
    assert "at least 3 months" in errors["design_end"][0]


def test_overlap_is_refused_with_how_many_days(cast):
    errors = errors_of(
        cast.course,
        plan(date(2026, 4, 14), development=(date(2026, 4, 10), date(2026, 10, 14))),
    )
    assert errors["development_start"] == [
        "Development must start after design ends on 14 Apr 2026; this plan overlaps it by 5 days."
    ]


def test_phases_out_of_order_are_refused(cast):
    errors = errors_of(
        cast.course,
        plan(date(2026, 4, 14), development=(date(2025, 6, 1), date(2025, 12, 31))),
    )
    assert errors["development_start"] == [
        "Development must come after design: it starts on 1 Jun 2025, before design starts on 15 Jan 2026."
    ]


def test_implementation_must_cover_the_horizon(cast):
    short = (date(2026, 10, 15), date(2029, 10, 13))
    errors = errors_of(cast.course, plan(date(2026, 4, 14), implementation=short))
    assert errors["implementation_end"] == [
        "Implementation must cover the course's implementation horizon of 3 years; this plan gives 2 years, "
        "11 months and 29 days."
    ]


def test_an_end_before_the_start_is_refused(cast):
    errors = errors_of(cast.course, plan(design_end=START - timedelta(days=1)))
    assert errors["design_end"] == ["Design must end after it starts."]


def test_the_proposed_plan_meets_every_rule_and_saves(cast):
    proposal = phase_plan_propose(course=cast.course, start=START)
    assert [(p.kind, p.start, p.end) for p in proposal] == [
        (D, date(2026, 1, 15), date(2026, 4, 14)),
        (DEV, date(2026, 4, 15), date(2026, 10, 14)),
        (IMP, date(2026, 10, 15), date(2029, 10, 14)),
    ]
    phase_plan_save(actor=cast.leader, course=cast.course, plan=proposal)
    assert Phase.objects.filter(course=cast.course).count() == 3
    assert Phase.history.filter(course_id=cast.course.pk).first().history_user == cast.leader


def test_a_refused_plan_changes_nothing_saved(cast):
    phases = plan_phases(cast.course, START)
    with pytest.raises(ValidationError):
        phase_plan_save(actor=cast.leader, course=cast.course, plan=plan(design_end=date(2026, 3, 1)))
    assert Phase.objects.get(pk=phases[D].pk).planned_end == date(2026, 4, 14)


def test_status_is_derived_from_dates_and_today(cast):
    design = plan_phases(cast.course, START)[D]
    assert design.status_on(date(2026, 1, 20)) == PhaseStatus.NOT_STARTED
    design.actual_start = START
    assert design.status_on(date(2026, 1, 20)) == PhaseStatus.RUNNING
    assert design.status_on(date(2026, 4, 15)) == PhaseStatus.OVERRUNNING
    design.actual_end = date(2026, 4, 20)
    assert design.status_on(date(2026, 4, 21)) == PhaseStatus.COMPLETED


def test_design_cannot_start_while_a_partner_has_no_representative(cast):
    unrepresented = add_partner(cast.course)
    design = plan_phases(cast.course, START)[D]
    with pytest.raises(ValidationError) as info:
        phase_record_actual(
            actor=cast.leader, phase=design, actual_start=START, actual_end=None, today=date(2026, 2, 1)
        )
    assert info.value.message_dict["actual_start"] == [
        f"Design cannot start until every partner institution has a partner representative; missing: {unrepresented.name}."
    ]
    add_member(cast.course, Membership.Role.PARTNER, institution=unrepresented)
    phase_record_actual(actor=cast.leader, phase=design, actual_start=START, actual_end=None, today=date(2026, 2, 1))


def test_development_starts_only_after_design_is_completed(cast):
    today = date(2026, 5, 1)
    phases = plan_phases(cast.course, START)
    phase_record_actual(actor=cast.leader, phase=phases[D], actual_start=START, actual_end=None, today=today)
    with pytest.raises(ValidationError) as info:
        phase_record_actual(
            actor=cast.leader, phase=phases[DEV], actual_start=date(2026, 4, 20), actual_end=None, today=today
        )
    assert "record the end of design first" in info.value.message_dict["actual_start"][0]
    phase_record_actual(
        actor=cast.leader, phase=phases[D], actual_start=START, actual_end=date(2026, 4, 20), today=today
    )
    with pytest.raises(ValidationError) as info:
        phase_record_actual(
            actor=cast.leader, phase=phases[DEV], actual_start=date(2026, 4, 20), actual_end=None, today=today
        )
    assert info.value.message_dict["actual_start"] == ["Development must start after design ended on 20 Apr 2026."]


def test_actual_dates_cannot_be_in_the_future(cast):
    design = plan_phases(cast.course, START)[D]
    with pytest.raises(ValidationError) as info:
        phase_record_actual(
            actor=cast.leader, phase=design, actual_start=date(2026, 2, 2), actual_end=None, today=date(2026, 2, 1)
        )
    assert info.value.message_dict == {"actual_start": ["An actual start cannot be in the future."]}


def test_a_stakeholder_works_only_on_their_co_creation_aspects(cast):
    design = running_design(cast.course, date(2026, 2, 1))
    stakeholder = member(cast.course, cast.stakeholder)  # engaged for needs analysis
    with pytest.raises(ValidationError) as info:
        add_task(design, assignees=[stakeholder], co_creation_aspect="learning_outcomes")
    assert (
        "engaged only for these co-creation aspects: Analysis of needs."
        in info.value.message_dict["co_creation_aspect"][0]
    )
    task = add_task(design, assignees=[stakeholder], co_creation_aspect="needs_analysis")
    assert list(task.assignees.all()) == [stakeholder]


def test_assignees_from_another_course_are_refused(cast):
    design = running_design(cast.course, date(2026, 2, 1))
    with pytest.raises(ValidationError) as info:
        add_task(design, assignees=[member(cast.other_course, cast.outsider)])
    assert info.value.message_dict == {"assignees": ["Choose a member of this course team."]}


def test_only_an_assignee_logs_work_within_a_day(cast):
    today = date(2026, 2, 1)
    design = running_design(cast.course, today)
    task = add_task(design, assignees=[member(cast.course, cast.partner)])
    with pytest.raises(ValidationError) as info:
        log_work(task, cast.leader, on=today)
    assert info.value.messages == ["Only people assigned to this task can log work on it."]
    with pytest.raises(ValidationError) as info:
        log_work(task, cast.partner, on=today + ONE_DAY, today=today)
    assert info.value.message_dict == {"date": ["Work cannot be logged for a day in the future."]}
    for hours in ("0", "24.5"):
        with pytest.raises(ValidationError):
            log_work(task, cast.partner, on=today, hours=hours)
    log_work(task, cast.partner, on=today, hours="20")
    with pytest.raises(ValidationError) as info:
        log_work(task, cast.partner, on=today, hours="4.5")
    assert info.value.message_dict == {"hours": ["You have already logged 20 h on 1 Feb 2026; a day has 24 hours."]}
    log_work(task, cast.partner, on=today, hours="4")
    assert sum(w.hours for w in WorkLog.objects.filter(task=task)) == Decimal("24")


def test_milestone_cannot_be_due_before_its_phase(cast):
    design = running_design(cast.course, date(2026, 2, 1), days_ago=5)
    with pytest.raises(ValidationError) as info:
        milestone_create(
            actor=cast.leader,
            phase=design,
            title="Kick-off",
            due_on=design.planned_start - ONE_DAY,
            owner=member(cast.course, cast.leader),
        )
    assert info.value.message_dict["due_on"][0].startswith("Choose a date within design (27 Jan 2026 – ")
    assert leader_of(cast.course) == cast.leader
