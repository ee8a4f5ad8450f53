"""The gates' conditions, each checked from the records (never ticked by hand).

Design to development: the joint vision adopted; the lead institution's internationalisation and teaching and
learning services consulted; the approval started at every institution; the examination rules adopted.
Development to implementation: the consortium agreement signed by every institution; the approvals done and
the course in every programme guide; the delivery platform chosen; the evaluation procedure set.

Other apps add conditions with ``register_condition`` (e.g. the EU standard elements of the credential).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.models import GatePassage
from governance.models.gates import Gate
from governance.selectors.vision import adopted_vision
from phases.models import Phase
from quality.models import EvaluationProcedure, ExaminationRules
from support.models import (
    Agreement,
    AgreementSignature,
    ApprovalStep,
    Consultation,
    DeliveryPlatform,
    ServiceKind,
)
from teams.models import Course
from teams.selectors import course_partnerships

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Condition:
    key: str
    label: StrOrPromise
    met: bool
    detail: StrOrPromise = ""
    url: str = ""


@dataclass
class GateView:
    gate: str
    label: str
    conditions: list[Condition]
    passage: GatePassage | None = None
    open_phase: Phase | None = None  # the phase the course leaves, when its start is recorded
    blocked_by: str = ""  # why the gate cannot be passed at all now (e.g. the previous phase not started)
    form: Any = None  # the page's form to pass the gate, set by the view

    @property
    def unmet(self) -> list[Condition]:
        return [c for c in self.conditions if not c.met]

    @property
    def ready(self) -> bool:
        return not self.unmet

    @property
    def met_count(self) -> int:
        return len(self.conditions) - len(self.unmet)


ConditionCheck = Callable[[Course, list[int]], list[Condition]]
EXTRA_CONDITIONS: dict[str, list[ConditionCheck]] = {Gate.DEVELOPMENT: [], Gate.IMPLEMENTATION: []}


def register_condition(gate: str, check: ConditionCheck) -> None:
    """Let another app add a condition to a gate: ``check(course, institution_ids)`` returns conditions."""
    if check not in EXTRA_CONDITIONS[gate]:
        EXTRA_CONDITIONS[gate].append(check)


def _institutions(course: Course) -> dict[int, str]:
    """Lead first, then partners by name; shares the course page's read of the partnerships."""
    return {p.institution_id: p.institution.name for p in course_partnerships(course=course)}


def _missing(names: dict[int, str], done: set[int]) -> str:
    left = [name for pk, name in names.items() if pk not in done]
    return _("Missing: %(names)s.") % {"names": ", ".join(left)} if left else ""


def _at_every_institution(key: str, label: StrOrPromise, names: dict[int, str], done: set[int], url: str) -> Condition:
    """Met when every institution of the course is in ``done``; the detail names those missing."""
    return Condition(key, label, set(names) <= done, _missing(names, done), url)


def _recorded(key: str, label: StrOrPromise, present: bool, absent: StrOrPromise, url: str) -> Condition:
    """Met when the record is ``present``; ``absent`` says what is missing otherwise."""
    return Condition(key, label, present, "" if present else absent, url)


def _development_conditions(course: Course, names: dict[int, str]) -> list[Condition]:
    slug = course.slug
    vision = adopted_vision(course=course)
    consulted = set(
        Consultation.objects.filter(
            course=course,
            institution_id=course.lead_institution_id,
            kind__in=[ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING],
            status__in=[Consultation.Status.HELD, Consultation.Status.CLOSED],
        ).values_list("kind", flat=True)
    )
    first_kinds = {
        ServiceKind.INTERNATIONALISATION: _("internationalisation"),
        ServiceKind.TEACHING_LEARNING: _("teaching and learning"),
    }
    not_consulted = [str(label) for kind, label in first_kinds.items() if kind not in consulted]
    approval_started = set(
        ApprovalStep.objects.filter(
            course=course, status__in=[ApprovalStep.Status.IN_PROGRESS, ApprovalStep.Status.DONE]
        ).values_list("institution_id", flat=True)
    )
    binding = ExaminationRules.objects.filter(course=course, status=ExaminationRules.Status.BINDING).exists()
    return [
        Condition(
            "vision_adopted",
            _("The joint vision is adopted"),
            vision is not None,
            _("Version %(v)s adopted.") % {"v": vision.version} if vision else _("No version adopted yet."),
            reverse("governance:vision", args=[slug]),
        ),
        Condition(
            "lead_services_consulted",
            _("The lead institution's internationalisation and teaching and learning services are consulted"),
            not not_consulted,
            _("Not held yet: %(kinds)s.") % {"kinds": ", ".join(not_consulted)} if not_consulted else "",
            reverse("support:matrix", args=[slug]),
        ),
        _at_every_institution(
            "approval_started",
            _("The approval process has started at every institution"),
            names,
            approval_started,
            reverse("support:specifics", args=[slug]),
        ),
        _recorded(
            "examination_rules_adopted",
            _("The examination rules are adopted"),
            binding,
            _("No binding version of the examination rules."),
            reverse("quality:examination", args=[slug]),
        ),
    ]


def _implementation_conditions(course: Course, names: dict[int, str]) -> list[Condition]:
    slug = course.slug
    consortium = Agreement.objects.filter(course=course, kind=Agreement.Kind.CONSORTIUM).order_by("pk").first()
    signed: set[int] = set()
    if consortium is not None:
        signed = set(
            AgreementSignature.objects.filter(
                agreement=consortium, status=AgreementSignature.Status.SIGNED
            ).values_list("institution_id", flat=True)
        )
    steps = set(
        ApprovalStep.objects.filter(course=course, status=ApprovalStep.Status.DONE).values_list(
            "institution_id", "step"
        )
    )
    approved = {pk for pk in names if (pk, ApprovalStep.Step.UNIVERSITY) in steps}
    in_guide = {pk for pk in names if (pk, ApprovalStep.Step.PROGRAMME_GUIDE) in steps}
    platform = DeliveryPlatform.objects.filter(course=course).exists()
    procedure = EvaluationProcedure.objects.filter(course=course).exists()
    agreement_detail = _("No consortium agreement recorded yet.") if consortium is None else _missing(names, signed)
    return [
        Condition(
            "consortium_signed",
            _("The consortium agreement is signed by every institution"),
            consortium is not None and set(names) <= signed,
            agreement_detail,
            reverse("governance:agreement", args=[slug]),
        ),
        _at_every_institution(
            "approvals_done",
            _("The course is approved at every institution"),
            names,
            approved,
            reverse("support:specifics", args=[slug]),
        ),
        _at_every_institution(
            "in_programme_guides",
            _("The course is in every institution's programme guide"),
            names,
            in_guide,
            reverse("support:specifics", args=[slug]),
        ),
        _recorded(
            "platform_chosen",
            _("The delivery platform is chosen"),
            platform,
            _("No platform recorded."),
            reverse("support:specifics", args=[slug]),
        ),
        _recorded(
            "evaluation_procedure_set",
            _("The evaluation procedure is set"),
            procedure,
            _("No evaluation procedure recorded."),
            reverse("quality:evaluation", args=[slug]),
        ),
    ]


GATE_CONDITIONS: dict[str, Callable[[Course, dict[int, str]], list[Condition]]] = {
    Gate.DEVELOPMENT: _development_conditions,
    Gate.IMPLEMENTATION: _implementation_conditions,
}
FROM_PHASE: dict[str, str] = {Gate.DEVELOPMENT: Phase.Kind.DESIGN, Gate.IMPLEMENTATION: Phase.Kind.DEVELOPMENT}


def gate_conditions(*, course: Course, gate: str) -> list[Condition]:
    """The conditions of ``gate`` for ``course``, each checked now: a fixed number of queries (at most 8)."""
    names = _institutions(course)
    conditions = GATE_CONDITIONS[gate](course, names)
    for check in EXTRA_CONDITIONS[gate]:
        conditions.extend(check(course, list(names)))
    return conditions


def gate_views(*, course: Course) -> list[GateView]:
    """Both gates with their passages; conditions are checked for the gates not passed yet."""
    passages = {p.gate: p for p in GatePassage.objects.filter(course=course).select_related("passed_by")}
    phases = {p.kind: p for p in Phase.objects.filter(course=course)}
    views = []
    for gate, label in Gate.choices:
        passage = passages.get(gate)
        view = GateView(gate=gate, label=str(label), conditions=[], passage=passage)
        if passage is None:
            view.conditions = gate_conditions(course=course, gate=gate)
        view.open_phase = phases.get(FROM_PHASE[gate])
        views.append(view)
    return views


def next_gate(*, course: Course) -> GateView | None:
    """The first gate not passed yet, with its readiness; None once both are passed."""
    passed = set(GatePassage.objects.filter(course=course).values_list("gate", flat=True))
    for gate, label in Gate.choices:
        if gate not in passed:
            return GateView(gate=gate, label=str(label), conditions=gate_conditions(course=course, gate=gate))
    return None


def passage_for(*, course_id: int, kind: str) -> bool:
    return GatePassage.objects.filter(course_id=course_id, gate=kind).exists()
