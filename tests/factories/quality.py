"""Quality graphs built through the real services, so statuses and history are as in production."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from quality.models import Consent, Decision, Edition, EvaluationReport, ExaminationRules
from quality.services import decisions as decision_services
from quality.services import evaluation as evaluation_services
from quality.services import examination as rules_services
from teams.models import Course, Institution, Membership
from tests.factories.teams import leader_of

Role = Membership.Role


def speaker_for(course: Course, institution: Institution):
    """A user who speaks for ``institution`` in ``course``: the leader for the lead, else a partner rep."""
    if institution.pk == course.lead_institution_id:
        return leader_of(course)
    return Membership.objects.filter(course=course, institution=institution, role=Role.PARTNER).first().user


def make_decision(
    course: Course, *, title: str = "Use English as teaching language", text: str = "Proposal."
) -> Decision:
    return decision_services.decision_propose(actor=leader_of(course), course=course, title=title, text=text)


def consent_all(decision: Decision, *, position: str = Consent.Position.CONSENT) -> None:
    """Every institution of the course takes ``position`` on the current version."""
    course = decision.course
    for institution in Institution.objects.filter(partnerships__course=course):
        decision_services.consent_record(
            actor=speaker_for(course, institution),
            decision=decision,
            institution=institution,
            position=position,
            reason="Not yet." if position == Consent.Position.OBJECTION else "",
        )


def make_rules(course: Course, *, ects: Decimal | None = None, complete: bool = True) -> ExaminationRules:
    """A draft version with a numeric scale, two methods adding up to 100% and two awards."""
    actor = leader_of(course)
    rules = rules_services.rules_start(actor=actor, course=course)
    if not complete or rules.assessment_methods.exists():
        return rules
    rules = rules_services.rules_update(
        actor=actor,
        rules=rules,
        grading_system=ExaminationRules.GradingSystem.NUMERIC,
        scale_min=Decimal("1"),
        scale_max=Decimal("10"),
        pass_mark=Decimal("5.5"),
    )
    project = rules_services.method_add(actor=actor, rules=rules, name="Project", weight_percent=60)
    rules_services.method_add(actor=actor, rules=rules, name="Written exam", weight_percent=40)
    rules_services.award_save(
        actor=actor, rules=rules, kind="badge", minimum_grade="5.5", minimum_attendance_percent=80
    )
    rules_services.award_save(
        actor=actor, rules=rules, kind="ects", ects_credits=ects or course.ects_credits, required_assessments=[project]
    )
    return rules


def make_binding_rules(course: Course) -> ExaminationRules:
    rules = make_rules(course)
    decision = rules_services.rules_propose(actor=leader_of(course), rules=rules)
    consent_all(decision)
    rules.refresh_from_db()
    return rules


def make_edition(course: Course, *, name: str = "Spring", ended_days_ago: int = 30, weeks: int = 12) -> Edition:
    ends_on = date.today() - timedelta(days=ended_days_ago)
    return evaluation_services.edition_create(
        actor=leader_of(course), course=course, name=name, starts_on=ends_on - timedelta(weeks=weeks), ends_on=ends_on
    )


def submit_report(
    edition: Edition, institution: Institution, *, enrolled: int = 40, completed: int = 30, passed: int = 25
) -> EvaluationReport:
    return evaluation_services.report_submit(
        actor=speaker_for(edition.course, institution),
        edition=edition,
        institution=institution,
        enrolled=enrolled,
        completed=completed,
        passed=passed,
        mean_satisfaction=Decimal("4.2"),
        dropout_reasons="Workload alongside a job." if enrolled > completed else "",
    )
