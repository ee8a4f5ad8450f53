"""Demo data for the quality app, built through its services. Idempotent: a second run changes nothing.

ai-literacy (in implementation): binding examination rules (adopted by an agreed decision), an evaluation
procedure and three past editions: the first with every institution's data accepted; the second with the lead's
data accepted, the first partner's sent back with changes requested, the second partner's waiting for review and
any further partner's still missing; the third, ended a week ago, with the lead's data waiting for review. So the
QA officer (qa@) has submissions to review.
digital-health (in development): the first version of the rules was proposed with the lead's consent and one
partner's objection (an individual written exam for ECTS credits); the leader revised the proposal accordingly
and every institution consented to the revision, so the rules are binding.
green-energy (in design): the leader (leader@) has started a draft of the rules, not yet proposed.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from quality.models import Decision, Edition, EvaluationProcedure, EvaluationReport, ExaminationRules
from quality.services import decisions as decision_services
from quality.services import evaluation as evaluation_services
from quality.services import examination as rules_services
from teams.models import Course, Institution, Membership, Partnership

Role = Membership.Role


def _leader(course: Course):
    return Membership.objects.select_related("user").get(course=course, role=Role.LEADER).user


def _qa_officer(course: Course):
    membership = Membership.objects.select_related("user").filter(course=course, role=Role.QA_OFFICER).first()
    return membership.user if membership else _leader(course)


def _speaker(course: Course, institution: Institution):
    if institution.pk == course.lead_institution_id:
        return _leader(course)
    membership = Membership.objects.filter(course=course, institution=institution, role=Role.PARTNER).first()
    return membership.user if membership else None


def _institutions(course: Course) -> tuple[Institution, list[Institution]]:
    partnerships = list(Partnership.objects.filter(course=course).select_related("institution"))
    lead = next(p.institution for p in partnerships if p.is_lead)
    return lead, [p.institution for p in partnerships if not p.is_lead]


def _draft_rules(course: Course, actor) -> ExaminationRules:
    """A complete draft: ECTS grading, three assessment methods (100%), a badge and ECTS credits."""
    rules = rules_services.rules_start(actor=actor, course=course)
    rules = rules_services.rules_update(
        actor=actor,
        rules=rules,
        grading_system=ExaminationRules.GradingSystem.ECTS,
        notes="One resit per assessment, within six weeks of the first attempt.",
    )
    project = rules_services.method_add(
        actor=actor, rules=rules, name="Applied project", weight_percent=50, description="In a team across partners."
    )
    quizzes = rules_services.method_add(actor=actor, rules=rules, name="Online quizzes", weight_percent=20)
    rules_services.method_add(actor=actor, rules=rules, name="Reflective essay", weight_percent=30)
    rules_services.award_save(
        actor=actor, rules=rules, kind="badge", minimum_grade="E", minimum_attendance_percent=70,
        required_assessments=[quizzes],
    )  # fmt: skip
    rules_services.award_save(
        actor=actor, rules=rules, kind="ects", ects_credits=course.ects_credits, minimum_grade="E",
        required_assessments=[project],
    )  # fmt: skip
    return rules


def _seed_ai_literacy(course: Course, today: date) -> None:
    leader, qa = _leader(course), _qa_officer(course)
    lead, partners = _institutions(course)
    if not ExaminationRules.objects.filter(course=course).exists():
        decision = rules_services.rules_propose(actor=leader, rules=_draft_rules(course, leader))
        for institution in [lead, *partners]:
            speaker = _speaker(course, institution)
            if speaker is not None:
                decision_services.consent_record(
                    actor=speaker, decision=decision, institution=institution, position="consent"
                )
    if not EvaluationProcedure.objects.filter(course=course).exists():
        evaluation_services.procedure_save(
            actor=qa,
            course=course,
            instruments="End-of-course learner survey (satisfaction 1–5); completion and results per institution; "
            "a yearly focus group with learner representatives.",
            frequency=EvaluationProcedure.Frequency.EVERY_EDITION,
            responsibilities="Each partner collects its learners' data within two weeks of the end of an edition; "
            "the QA officer of the lead institution reviews it and reports to the team.",
        )
    first = _edition(course, qa, "Edition 1", today - timedelta(days=400), today - timedelta(days=310))
    second = _edition(course, qa, "Edition 2", today - timedelta(days=130), today - timedelta(days=40))
    figures = [(42, 35, 31, "4.3"), (28, 20, 18, "3.9"), (35, 30, 24, "4.1"), (22, 19, 17, "4.4")]
    for index, institution in enumerate([lead, *partners]):
        enrolled, completed, passed, satisfaction = figures[index % len(figures)]
        report = _report(course, first, institution, today, enrolled, completed, passed, satisfaction)
        if report is not None and report.status == EvaluationReport.Status.SUBMITTED:
            evaluation_services.report_accept(actor=qa, report=report)
    # Edition 2: the lead's data accepted, the first partner's sent back, the second waiting for review, any
    # further partners' still missing.
    report = _report(course, second, lead, today, 45, 40, 37, "4.5")
    if report is not None and report.status == EvaluationReport.Status.SUBMITTED:
        evaluation_services.report_accept(actor=qa, report=report)
    if partners:
        report = _report(course, second, partners[0], today, 30, 24, 20, "3.6")
        if report is not None and report.status == EvaluationReport.Status.SUBMITTED and not report.review_comment:
            evaluation_services.report_request_changes(
                actor=qa,
                report=report,
                comment="Six learners did not complete, but the drop-out reasons only mention two. "
                "Please check the exit survey and complete the reasons.",
            )
    if len(partners) > 1:
        _report(course, second, partners[1], today, 26, 23, 21, "4.2")
    # Edition 3, an intensive run that ended a week ago: the lead's data is in and waits for review; the
    # partners' is not due yet.
    third = _edition(course, qa, "Edition 3", today - timedelta(days=36), today - timedelta(days=7))
    _report(course, third, lead, today, 24, 22, 21, "4.6")


def _edition(course: Course, actor, name: str, starts_on: date, ends_on: date) -> Edition:
    edition = Edition.objects.filter(course=course, name=name).first()
    return edition or evaluation_services.edition_create(
        actor=actor, course=course, name=name, starts_on=starts_on, ends_on=ends_on
    )


def _report(course, edition, institution, today, enrolled, completed, passed, satisfaction):
    existing = EvaluationReport.objects.filter(edition=edition, institution=institution).first()
    if existing is not None:
        return existing
    speaker = _speaker(course, institution)
    if speaker is None:
        return None
    return evaluation_services.report_submit(
        actor=speaker,
        edition=edition,
        institution=institution,
        enrolled=enrolled,
        completed=completed,
        passed=passed,
        mean_satisfaction=Decimal(satisfaction),
        dropout_reasons="Workload alongside a job; two moved to another programme." if enrolled > completed else "",
        remarks="Survey response rate 70%.",
        today=today,
    )


def _seed_digital_health(course: Course) -> None:
    if ExaminationRules.objects.filter(course=course).exists():
        return
    leader = _leader(course)
    lead, partners = _institutions(course)
    rules = _draft_rules(course, leader)
    decision: Decision = rules_services.rules_propose(actor=leader, rules=rules)
    decision_services.consent_record(actor=leader, decision=decision, institution=lead, position="consent")
    objector = _speaker(course, partners[0]) if partners else None
    if objector is not None:
        decision_services.consent_record(
            actor=objector,
            decision=decision,
            institution=partners[0],
            position="objection",
            reason="Our regulations require an individual written exam worth at least 30% for ECTS credits.",
        )
        # The leader meets the objection: the reflective essay gives way to an individual written exam. The
        # change revises the decision (a new version), on which every institution states its position afresh.
        rules_services.method_remove(actor=leader, method=rules.assessment_methods.get(name="Reflective essay"))
        rules_services.method_add(
            actor=leader,
            rules=rules,
            name="Individual written exam",
            weight_percent=30,
            description="Supervised on site at each partner, with identity verification.",
        )
    decision.refresh_from_db()
    for institution in [lead, *partners]:
        speaker = _speaker(course, institution)
        if speaker is not None and decision.is_open:
            decision_services.consent_record(
                actor=speaker, decision=decision, institution=institution, position="consent"
            )
            decision.refresh_from_db()


def _seed_green_energy(course: Course) -> None:
    """The leader's first draft of the rules: grading and two methods so far, nothing proposed."""
    if ExaminationRules.objects.filter(course=course).exists():
        return
    leader = _leader(course)
    rules = rules_services.rules_start(actor=leader, course=course)
    rules = rules_services.rules_update(
        actor=leader, rules=rules, grading_system=ExaminationRules.GradingSystem.ECTS,
        notes="Draft for the team meeting: the partners' resit rules still to be compared.",
    )  # fmt: skip
    rules_services.method_add(
        actor=leader, rules=rules, name="Energy plan for a real site", weight_percent=60,
        description="In teams across the partners, with a municipality as client.",
    )  # fmt: skip
    rules_services.method_add(actor=leader, rules=rules, name="Oral defence", weight_percent=20)


def seed(*, courses: dict[str, Course], today: date) -> None:
    """Add the quality demo data to the demo courses that exist (see the module docstring)."""
    if "ai-literacy" in courses:
        _seed_ai_literacy(courses["ai-literacy"], today)
    if "digital-health" in courses:
        _seed_digital_health(courses["digital-health"])
    if "green-energy" in courses:
        _seed_green_energy(courses["green-energy"])
