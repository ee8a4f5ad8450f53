"""Demo data for the support app, through its services. Idempotent: a second run finds everything and adds nothing.

Called by ``manage.py seed_demo`` after the teams data exist, with the courses "green-energy" (in design for
about a month), "digital-health" (in development) and "ai-literacy" (in implementation).
"""

from __future__ import annotations

from datetime import date, timedelta

from accounts.models import User
from support.models import (
    Agreement,
    AgreementSignature,
    ApprovalStep,
    Consultation,
    DeliveryFormat,
    DeliveryPlatform,
    ServiceContact,
    ServiceKind,
    TaskForceMember,
)
from support.services.consultations import consultation_save
from support.services.contacts import service_contact_save
from support.services.specifics import agreement_add, approval_step_save, delivery_platform_save, signature_save
from support.services.task_force import task_force_member_add
from teams.models import Course, Institution, Membership, Partnership

K = ServiceKind
S = Consultation.Status

UNITS: dict[str, tuple[str, str]] = {
    K.PROGRAMME_ADMINISTRATION: ("Academic Affairs Office", "academic-affairs"),
    K.TEACHING_LEARNING: ("Centre for Teaching and Learning", "teaching-learning"),
    K.INTERNATIONALISATION: ("International Office", "international"),
    K.IT: ("IT Services", "it-services"),
    K.LEGAL: ("Legal Office", "legal"),
    K.STUDENT_ADMINISTRATION: ("Student Services", "student-services"),
}
FIRST_NAMES = ["Ana", "Jonas", "Marta", "Pieter", "Sofia", "Luca", "Eva", "Tomas", "Ines", "Karin", "Mateo", "Lena"]
LAST_NAMES = ["Horvat", "Lindqvist", "Moreau", "Novak", "Rossi", "de Vries", "Kowalska", "Ferreira", "Berg", "Ionescu"]


def _person(institution: Institution, kind: str) -> tuple[str, str]:
    n = institution.pk * 7 + list(K.values).index(kind)
    return FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n // 3) % len(LAST_NAMES)]


def _email(institution: Institution, kind: str) -> str:
    return f"{UNITS[kind][1]}@{institution.short_name.lower().replace(' ', '')}.example.eu"


def _leader(course: Course) -> User:
    return Membership.objects.select_related("user").get(course=course, role=Membership.Role.LEADER).user


def _institutions(course: Course) -> tuple[Institution, list[Institution]]:
    partnerships = list(Partnership.objects.filter(course=course).select_related("institution").order_by("role"))
    lead = next(p.institution for p in partnerships if p.is_lead)
    return lead, [p.institution for p in partnerships if not p.is_lead]


def _contacts(institution: Institution, actor: User) -> None:
    existing = set(ServiceContact.objects.filter(institution=institution).values_list("kind", flat=True))
    for kind in K.values:
        if kind in existing:
            continue
        first, last = _person(institution, kind)
        service_contact_save(
            actor=actor, institution=institution, kind=kind, unit=UNITS[kind][0], name=f"{first} {last}",
            email=_email(institution, kind),
        )  # fmt: skip


def _consult(course: Course, institution: Institution, kind: str, actor: User, steps: list[tuple]) -> None:
    """Replay a consultation's history: each step is (status, day of the change, due_by, held_on, outcome)."""
    if Consultation.objects.filter(course=course, institution=institution, kind=kind).exists():
        return
    for status, day, due_by, held_on, outcome in steps:
        consultation_save(
            actor=actor, course=course, institution=institution, kind=kind, status=status, due_by=due_by,
            held_on=held_on, outcome=outcome, today=day, notify=False,
        )  # fmt: skip


def _requested(today: date, ago: int, due_in: int) -> tuple:
    return (S.REQUESTED, today - timedelta(days=ago), today - timedelta(days=ago) + timedelta(days=due_in), None, "")


def _held(today: date, ago: int, due_in: int, held_ago: int, outcome: str, close: bool = False) -> list[tuple]:
    requested_on = today - timedelta(days=ago)
    due_by, held_on = requested_on + timedelta(days=due_in), today - timedelta(days=held_ago)
    steps = [(S.REQUESTED, requested_on, due_by, None, ""), (S.HELD, held_on, due_by, held_on, outcome)]
    if close:
        steps.append((S.CLOSED, held_on, due_by, held_on, outcome))
    return steps


OUTCOMES: dict[str, str] = {
    K.PROGRAMME_ADMINISTRATION: "Approval route agreed: faculty board, then the university's education committee.",
    K.TEACHING_LEARNING: "Workshop on constructive alignment; learning-outcome templates shared.",
    K.INTERNATIONALISATION: "Virtual mobility format fits the curriculum; agreements needed listed.",
    K.IT: "The lead institution's Moodle will host the course; guest accounts for partner learners.",
    K.LEGAL: "Consortium agreement template adapted; credit recognition needs a bilateral annex.",
    K.STUDENT_ADMINISTRATION: "Enrolment via the lead institution; partners register their learners as guests.",
}


def _task_force(course: Course, institution: Institution, kind: str, actor: User) -> None:
    email = _email(institution, kind)
    if TaskForceMember.objects.filter(course=course, institution=institution, kind=kind).exists():
        return
    first, last = _person(institution, kind)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:  # created here rather than invited: demo people receive no invitation e-mail
        user = User.objects.create_user(email=email, first_name=first, last_name=last, home_institution=institution)
    task_force_member_add(actor=actor, course=course, institution=institution, kind=kind, email=user.email)


def _approvals(course: Course, institution: Institution, actor: User, today: date, done: int, running: bool) -> None:
    """The first ``done`` steps completed; the next one in progress when ``running``."""
    if ApprovalStep.objects.filter(course=course, institution=institution).exists():
        return
    for i, step in enumerate(ApprovalStep.Step.values):
        start = today - timedelta(days=120 - 30 * i)
        if i < done:
            approval_step_save(actor=actor, course=course, institution=institution, step=step, status="done",
                               started_on=start, completed_on=start + timedelta(days=21), today=today)  # fmt: skip
        elif i == done and running:
            approval_step_save(actor=actor, course=course, institution=institution, step=step, status="in_progress",
                               started_on=min(start, today), today=today)  # fmt: skip


def _platform(course: Course, lead: Institution, actor: User, formats: list[str]) -> None:
    if not DeliveryPlatform.objects.filter(course=course).exists():
        delivery_platform_save(actor=actor, course=course, host_institution=lead, name="Moodle",
                               url=f"https://moodle.{lead.short_name.lower()}.example.eu", formats=formats)  # fmt: skip


def _agreement(course: Course, actor: User, kind: str, title: str, signed: list[Institution], today: date) -> None:
    agreement = Agreement.objects.filter(course=course, kind=kind).first() or agreement_add(
        actor=actor, course=course, kind=kind, title=title
    )
    for i, institution in enumerate(signed):
        current = AgreementSignature.objects.filter(agreement=agreement, institution=institution).first()
        if current is None or current.status != AgreementSignature.Status.SIGNED:
            signature_save(actor=actor, agreement=agreement, institution=institution, status="signed",
                           signed_on=today - timedelta(days=10 + 5 * i), today=today)  # fmt: skip


def seed(*, courses: dict[str, Course], today: date) -> None:
    """Contacts at every institution, and per course consultations, approvals, platform, agreements, task force."""
    course: Course | None
    for course in courses.values():
        leader = _leader(course)
        lead, partners = _institutions(course)
        for institution in [lead, *partners]:
            _contacts(institution, leader)

    if course := courses.get("green-energy"):
        # In design for about a month: the lead's first two services engaged (one has lapsed), the rest to come.
        leader, (lead, partners) = _leader(course), _institutions(course)
        _consult(
            course, lead, K.INTERNATIONALISATION, leader, _held(today, 28, 14, 18, OUTCOMES[K.INTERNATIONALISATION])
        )
        _consult(course, lead, K.TEACHING_LEARNING, leader, [_requested(today, 24, 21)])  # lapsed 3 days ago
        _consult(course, lead, K.PROGRAMME_ADMINISTRATION, leader, [_requested(today, 5, 20)])
        _consult(course, lead, K.IT, leader, [(S.PLANNED, today, today + timedelta(days=30), None, "")])
        for partner in partners[:1]:
            _consult(course, partner, K.INTERNATIONALISATION, leader, [_requested(today, 2, 14)])
        _approvals(course, lead, leader, today, done=0, running=True)
        for institution in [lead, *partners]:
            _task_force(course, institution, K.INTERNATIONALISATION, leader)

    if course := courses.get("digital-health"):
        # In development: the lead's services all consulted, partners most of theirs; approvals under way.
        leader, (lead, partners) = _leader(course), _institutions(course)
        for i, kind in enumerate(K.values):
            _consult(
                course, lead, kind, leader, _held(today, 200 - 10 * i, 21, 185 - 10 * i, OUTCOMES[kind], close=i < 4)
            )
        for partner in partners:
            for i, kind in enumerate([K.INTERNATIONALISATION, K.TEACHING_LEARNING, K.PROGRAMME_ADMINISTRATION]):
                _consult(course, partner, kind, leader, _held(today, 150 - 10 * i, 21, 135 - 10 * i, OUTCOMES[kind]))
            _consult(course, partner, K.LEGAL, leader, [_requested(today, 6, 28)])
        _approvals(course, lead, leader, today, done=1, running=True)
        for partner in partners:
            _approvals(course, partner, leader, today, done=0, running=True)
        _platform(course, lead, leader, [DeliveryFormat.ASYNCHRONOUS, DeliveryFormat.GROUP_COLLABORATION])
        _agreement(course, leader, Agreement.Kind.CONSORTIUM, "Consortium agreement", [lead, *partners[:1]], today)
        for institution in [lead, *partners]:
            _task_force(course, institution, K.PROGRAMME_ADMINISTRATION, leader)
            _task_force(course, institution, K.LEGAL, leader)

    if course := courses.get("ai-literacy"):
        # In implementation: every consultation closed, every approval done, agreements signed by all.
        leader, (lead, partners) = _leader(course), _institutions(course)
        for institution in [lead, *partners]:
            for i, kind in enumerate(K.values):
                steps = _held(today, 700 - 10 * i, 21, 690 - 10 * i, OUTCOMES[kind], close=True)
                _consult(course, institution, kind, leader, steps)
            _approvals(course, institution, leader, today, done=3, running=False)
            _task_force(course, institution, K.PROGRAMME_ADMINISTRATION, leader)
            _task_force(course, institution, K.IT, leader)
        _platform(course, lead, leader, list(DeliveryFormat.values))
        everyone = [lead, *partners]
        _agreement(course, leader, Agreement.Kind.CONSORTIUM, "Consortium agreement", everyone, today)
        _agreement(course, leader, Agreement.Kind.CREDIT_RECOGNITION, "Credit recognition agreement", everyone, today)
