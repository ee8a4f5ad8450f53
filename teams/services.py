"""Every write to a course team. Keyword-only, atomic, validating; permissions granted in the same transaction.

Views, admin actions and management commands call these; none of them writes team models directly.
Error messages are constants so that tests and forms share one wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from accounts.services import user_get_or_invite
from core.history import attribute
from teams.affiliations import course_start_institutions
from teams.affiliations import record_affiliation as record_affiliation  # other apps record affiliations here
from teams.derivation import derive_course_permissions
from teams.models import (
    CoCreationAspect,
    Course,
    Faculty,
    Institution,
    Membership,
    Partnership,
    StakeholderOrganisation,
    TeamFoundation,
)
from teams.selectors import forget_partnerships

Role = Membership.Role

NO_START_RIGHT = _(
    "Starting a course needs a verified staff affiliation with an institution and its permission to start courses "
    "for it. Ask your institution's coordinator or an administrator."
)
START_NOT_FOR_INSTITUTION = _("You may not start courses for %(institution)s: choose one of the institutions listed.")
CHOOSE_LEAD = _("Choose the institution that leads the course.")
LEADER_FROM_LEAD = _("The course leader must represent the lead institution (%(lead)s).")
ONE_LEADER = _("A course has exactly one leader: hand over leadership from the team page (Hand over leadership).")
LEADER_NOT_REMOVABLE = _("The course leader cannot be removed: a course always has exactly one leader.")
PARTNER_FROM_PARTNER = _("A partner representative must represent one of this course's partner institutions.")
QA_FROM_LEAD = _("A QA officer must belong to the lead institution (%(lead)s).")
INSTITUTION_NOT_IN_COURSE = _("Choose one of this course's institutions.")
STAKEHOLDER_NEEDS_ORGANISATION = _("An associated stakeholder must come from a stakeholder organisation.")
STAKEHOLDER_NEEDS_ASPECT = _("Choose at least one co-creation aspect the stakeholder is engaged for.")
ALREADY_MEMBER = _("%(person)s is already a member of this course team.")
ALREADY_PARTNER = _("%(institution)s is already part of this course.")
LEAD_NOT_REMOVABLE = _("The lead institution cannot be removed from its course.")
PARTNER_HAS_RECORDS = _(
    "%(institution)s cannot be removed: its people's work is recorded in this course (%(details)s), and removing it "
    "would take that out of the course's effort and history."
)
PARTNER_HAS_MEMBERS = ngettext_lazy(
    "%(institution)s still has %(count)d member in the team; remove or move them first.",
    "%(institution)s still has %(count)d members in the team; remove or move them first.",
    "count",
)
FACULTY_NOT_OF_INSTITUTION = _("Choose a faculty of %(institution)s.")
MILESTONES_NEED_SUCCESSOR = ngettext_lazy(
    "%(person)s owns %(count)d milestone: choose who takes it over.",
    "%(person)s owns %(count)d milestones: choose who takes them over.",
    "count",
)
SUCCESSOR_NOT_IN_TEAM = _("Choose another member of this course's team to take over the milestones.")
SLUG_TAKEN = _("Another course already uses this short name in its address.")


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "course"
    slug, n = base, 2
    while Course.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def course_create(
    *,
    actor: User,
    title: str,
    ects_credits: Decimal,
    eqf_level: int,
    languages: Iterable[str],
    delivery_mode: str = Course.DeliveryMode.ONLINE,
    implementation_horizon_years: int = 3,
    summary: str = "",
    slug: str = "",
    lead_institution: Institution | None = None,
) -> Course:
    """Create a course: its creator becomes its leader and ``lead_institution`` its lead institution.

    Only verified staff of the lead institution whom it lets start courses (teams.affiliations) may; when they
    may for exactly one institution, that one leads.
    """
    allowed = list(course_start_institutions(actor))
    if not allowed:
        raise ValidationError({"lead_institution": NO_START_RIGHT})
    if lead_institution is None:
        if len(allowed) > 1:
            raise ValidationError({"lead_institution": CHOOSE_LEAD})
        lead_institution = allowed[0]
    elif lead_institution.pk not in {i.pk for i in allowed}:
        raise ValidationError({"lead_institution": START_NOT_FOR_INSTITUTION % {"institution": lead_institution}})
    if slug and Course.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": SLUG_TAKEN})
    course = Course(
        title=title,
        slug=slug or _unique_slug(title),
        summary=summary,
        lead_institution=lead_institution,
        ects_credits=ects_credits,
        eqf_level=eqf_level,
        languages=list(languages),
        delivery_mode=delivery_mode,
        implementation_horizon_years=implementation_horizon_years,
    )
    course.full_clean()
    attribute(course, actor)
    course.save()
    lead = Partnership(course=course, institution=lead_institution, role=Partnership.Role.LEAD)
    attribute(lead, actor)
    lead.save()
    leader = Membership(course=course, user=actor, role=Role.LEADER, institution=lead_institution)
    attribute(leader, actor)
    leader.save()
    derive_course_permissions(course_id=course.pk, user_ids=[actor.pk])
    return course


@transaction.atomic
def course_update(*, actor: User, course: Course, **fields: Any) -> Course:
    """Change a course's details (not its lead institution, which follows its leader)."""
    for name, value in fields.items():
        setattr(course, name, value)
    course.full_clean()
    attribute(course, actor)
    course.save()
    return course


@transaction.atomic
def partnership_add(
    *, actor: User, course: Course, institution: Institution, faculty: Faculty | None = None
) -> Partnership:
    """Add a partner institution to the course."""
    if Partnership.objects.filter(course=course, institution=institution).exists():
        raise ValidationError({"institution": ALREADY_PARTNER % {"institution": institution}})
    if faculty is not None and faculty.institution_id != institution.pk:
        raise ValidationError({"faculty": FACULTY_NOT_OF_INSTITUTION % {"institution": institution}})
    partnership = Partnership(course=course, institution=institution, faculty=faculty)
    partnership.full_clean()
    attribute(partnership, actor)
    partnership.save()
    forget_partnerships(course)
    return partnership


@transaction.atomic
def partnership_update(
    *,
    actor: User,
    partnership: Partnership,
    faculty: Faculty | None,
    educational_support: bool,
    technological_support: bool,
    organisational_support: bool,
) -> Partnership:
    """Record the delivering faculty and the support the institution's university has confirmed."""
    if faculty is not None and faculty.institution_id != partnership.institution_id:
        raise ValidationError({"faculty": FACULTY_NOT_OF_INSTITUTION % {"institution": partnership.institution}})
    partnership.faculty = faculty
    partnership.educational_support = educational_support
    partnership.technological_support = technological_support
    partnership.organisational_support = organisational_support
    attribute(partnership, actor)
    partnership.save()
    forget_partnerships(partnership.course)
    return partnership


def partnership_remove_refusal(*, partnership: Partnership) -> str:
    """Why ``partnership`` cannot be removed, or "": the lead stays, and so does a partner with members or records."""
    if partnership.is_lead:
        return str(LEAD_NOT_REMOVABLE)
    count = Membership.objects.filter(
        course_id=partnership.course_id, institution_id=partnership.institution_id
    ).count()
    if count:
        return PARTNER_HAS_MEMBERS % {"institution": partnership.institution, "count": count}
    recorded = partner_records(course_id=partnership.course_id, institution_id=partnership.institution_id)
    if recorded:
        details = ", ".join(recorded)
        return PARTNER_HAS_RECORDS % {"institution": partnership.institution, "details": details}
    return ""


@transaction.atomic
def partnership_remove(*, actor: User, partnership: Partnership) -> None:
    """Remove a partner institution that no longer has members in the team, nor records of its own."""
    refusal = partnership_remove_refusal(partnership=partnership)
    if refusal:
        raise ValidationError(refusal)
    attribute(partnership, actor)
    partnership.delete()
    forget_partnerships(partnership.course)


# What an institution's people did in a course, by model label: a partner with any of it stays in the course.
# Each kind counted as people read it ("6 work logs").
PARTNER_RECORD_LOOKUPS = [
    (ngettext_lazy("%(count)d work log", "%(count)d work logs", "count"), "phases.WorkLog", "task__phase__course_id"),
    (
        ngettext_lazy("%(count)d position on a decision", "%(count)d positions on decisions", "count"),
        "quality.Consent",
        "decision__course_id",
    ),
    (
        ngettext_lazy("%(count)d evaluation report", "%(count)d evaluation reports", "count"),
        "quality.EvaluationReport",
        "edition__course_id",
    ),
    (
        ngettext_lazy("%(count)d signed or declined agreement", "%(count)d signed or declined agreements", "count"),
        "support.AgreementSignature",
        "agreement__course_id",
    ),
]


def partner_records(*, course_id: int, institution_id: int) -> dict[str, int]:
    """How many records of each kind the institution's people left in the course (kinds with none left out), keyed
    by the count as people read it ("6 work logs")."""
    counts = {}
    for label, model_label, course_path in PARTNER_RECORD_LOOKUPS:
        rows = apps.get_model(model_label).objects.filter(**{course_path: course_id, "institution_id": institution_id})
        if model_label == "support.AgreementSignature":
            rows = rows.exclude(status="pending")
        if n := rows.count():
            counts[str(label % {"count": n})] = n
    return counts


def _validate_membership(
    *,
    course: Course,
    role: str,
    institution: Institution | None,
    organisation: StakeholderOrganisation | None,
    co_creation_aspects: list[str],
) -> None:
    roles = dict(Partnership.objects.filter(course=course).values_list("institution_id", "role"))
    lead = course.lead_institution
    if role == Role.STAKEHOLDER:
        errors = {}
        if organisation is None:
            errors["organisation"] = STAKEHOLDER_NEEDS_ORGANISATION
        if not co_creation_aspects or not set(co_creation_aspects) <= set(CoCreationAspect.values):
            errors["co_creation_aspects"] = STAKEHOLDER_NEEDS_ASPECT
        if errors:
            raise ValidationError(errors)
        return
    if institution is None or institution.pk not in roles:
        raise ValidationError({"institution": INSTITUTION_NOT_IN_COURSE})
    if role == Role.LEADER and institution.pk != lead.pk:
        raise ValidationError({"institution": LEADER_FROM_LEAD % {"lead": lead}})
    if role == Role.QA_OFFICER and institution.pk != lead.pk:
        raise ValidationError({"institution": QA_FROM_LEAD % {"lead": lead}})
    if role == Role.PARTNER and roles[institution.pk] != Partnership.Role.PARTNER:
        raise ValidationError({"institution": PARTNER_FROM_PARTNER})


@transaction.atomic
def membership_add(
    *,
    actor: User,
    course: Course,
    email: str,
    role: str,
    institution: Institution | None = None,
    organisation: StakeholderOrganisation | None = None,
    co_creation_aspects: Iterable[str] = (),
    first_name: str = "",
    last_name: str = "",
    language: str = "",
) -> Membership:
    """Add a person to the team by e-mail; someone new gets an invitation to set a password, in ``language``."""
    aspects = list(co_creation_aspects)
    if role == Role.LEADER:
        raise ValidationError({"role": ONE_LEADER})
    _validate_membership(
        course=course, role=role, institution=institution, organisation=organisation, co_creation_aspects=aspects
    )
    if Membership.objects.filter(course=course, user__email__iexact=email.strip()).exists():
        raise ValidationError({"email": ALREADY_MEMBER % {"person": email.strip()}})
    user = user_get_or_invite(
        email=email,
        first_name=first_name,
        last_name=last_name,
        invited_by=actor,
        course=course,
        language=language,
    )
    membership = Membership(
        course=course,
        user=user,
        role=role,
        institution=institution if role != Role.STAKEHOLDER else None,
        organisation=organisation if role == Role.STAKEHOLDER else None,
        co_creation_aspects=aspects if role == Role.STAKEHOLDER else [],
    )
    attribute(membership, actor)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:  # a concurrent add of the same person
        raise ValidationError({"email": ALREADY_MEMBER % {"person": user}}) from exc
    derive_course_permissions(course_id=course.pk, user_ids=[user.pk])
    return membership


@transaction.atomic
def membership_update(
    *,
    actor: User,
    membership: Membership,
    role: str,
    institution: Institution | None = None,
    organisation: StakeholderOrganisation | None = None,
    co_creation_aspects: Iterable[str] = (),
) -> Membership:
    """Change a member's role, or what they represent; permissions follow in the same transaction."""
    aspects = list(co_creation_aspects)
    old_role = membership.role
    if old_role == Role.LEADER and role != Role.LEADER:
        raise ValidationError({"role": ONE_LEADER})
    if role == Role.LEADER and old_role != Role.LEADER:
        raise ValidationError({"role": ONE_LEADER})
    course = membership.course
    _validate_membership(
        course=course, role=role, institution=institution, organisation=organisation, co_creation_aspects=aspects
    )
    membership.role = role
    membership.institution = institution if role != Role.STAKEHOLDER else None
    membership.organisation = organisation if role == Role.STAKEHOLDER else None
    membership.co_creation_aspects = aspects if role == Role.STAKEHOLDER else []
    attribute(membership, actor)
    membership.save()
    derive_course_permissions(course_id=course.pk, user_ids=[membership.user_id])
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership, successor: Membership | None = None) -> None:
    """Remove a member from the team: their access ends, their work stays.

    Their work logs keep who did them and for which institution (``phases.WorkLog``: a former member's work still
    counts in effort); positions on decisions, evaluation data and history name the person, not the membership.
    Milestones they own go to ``successor``, another member of the team, who must be named when there are any.
    """
    if membership.role == Role.LEADER:
        raise ValidationError(LEADER_NOT_REMOVABLE)
    owned = list(membership.owned_milestones.select_for_update())
    if owned:
        if successor is None:
            raise ValidationError(
                {"successor": MILESTONES_NEED_SUCCESSOR % {"person": membership.user, "count": len(owned)}}
            )
        if successor.course_id != membership.course_id or successor.pk == membership.pk:
            raise ValidationError({"successor": SUCCESSOR_NOT_IN_TEAM})
        for milestone in owned:
            milestone.owner = successor
            attribute(milestone, actor)
            milestone.save()
    attribute(membership, actor)
    membership.delete()  # what the membership gave is re-derived on delete (teams.derivation), seats and grants kept


@transaction.atomic
def foundation_add(*, actor: User, course: Course, kind: str, description: str) -> TeamFoundation:
    """Record part of the team's foundation (research relationships, expertise, ...)."""
    foundation = TeamFoundation(course=course, kind=kind, description=description)
    foundation.full_clean()
    attribute(foundation, actor)
    foundation.save()
    return foundation


@transaction.atomic
def foundation_remove(*, actor: User, foundation: TeamFoundation) -> None:
    attribute(foundation, actor)
    foundation.delete()
