"""The guideline's order of consultations, as a checklist and as a rule the product checks.

Chapter 003: "support services should be contacted from the beginning of the programme design, starting with
the international and teaching and learning services"; "the team leader will first engage the support
services of his university and then try to align and involve the partners".

How the product checks it (a consultation counts as *engaged* once requested, held or closed):
1. Refused: engaging a partner institution's service before the lead institution has engaged both its
   internationalisation and its teaching and learning services. The service raises LEAD_FIRST.
2. Warned, not refused: engaging one of the lead's other services before those two, or a partner's service
   while the lead still has other services to engage. The save goes through and the page says why the
   guideline would have it otherwise: institutions differ, and the leader may have good reasons.
Planning a consultation (status "planned") is always allowed: it is how the team prepares the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from core.i18n import prose_list
from support.models import FIRST_KINDS, ServiceKind

LEAD_FIRST = _(
    "Following the guideline, %(lead)s first engages its internationalisation and teaching and learning "
    "services; request those before any partner's consultation."
)
WARN_LEAD_FIRST_TWO = _(
    "The guideline starts with the lead institution's internationalisation and teaching and learning services; "
    "they are not engaged yet."
)
WARN_LEAD_OTHERS = _(
    "The guideline has %(lead)s engage its own services before the partners; still to engage: %(kinds)s."
)

KIND_LABELS = dict(ServiceKind.choices)
OTHER_KINDS: tuple[str, ...] = tuple(k for k in ServiceKind.values if k not in FIRST_KINDS)

Pair = tuple[int, str]  # (institution id, service kind)


def _missing(engaged: set[Pair], institution_id: int, kinds: tuple[str, ...]) -> list[str]:
    return [k for k in kinds if (institution_id, k) not in engaged]


def order_refusal(*, lead_id: int, lead_name: str, institution_id: int, engaged: set[Pair]) -> str | None:
    """Why engaging a service of ``institution_id`` now breaks the guideline's order, or None."""
    if institution_id != lead_id and _missing(engaged, lead_id, FIRST_KINDS):
        return LEAD_FIRST % dict(lead=lead_name)
    return None


def order_warning(*, lead_id: int, lead_name: str, institution_id: int, kind: str, engaged: set[Pair]) -> str | None:
    """A gentler note for steps the guideline orders but the product lets the leader take."""
    if institution_id == lead_id:
        if kind not in FIRST_KINDS and _missing(engaged, lead_id, FIRST_KINDS):
            return str(WARN_LEAD_FIRST_TWO)
        return None
    others = _missing(engaged, lead_id, OTHER_KINDS)
    if others:
        return WARN_LEAD_OTHERS % dict(lead=lead_name, kinds=prose_list(KIND_LABELS[k] for k in others))
    return None


@dataclass
class ChecklistItem:
    label: str
    done: bool  # the consultation was held: only then is the step behind the team
    detail: str = ""
    engaged: bool = False  # requested (or held): enough for the guideline's order, not for a tick


@dataclass
class ChecklistStep:
    number: int
    title: str
    items: list[ChecklistItem] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return all(item.done for item in self.items)


@dataclass
class OrderChecklist:
    steps: list[ChecklistStep]
    design_start: date | None
    design_started: bool

    @property
    def current(self) -> ChecklistStep | None:
        """The first step not done yet: what the team should do next."""
        return next((s for s in self.steps if not s.done), None)

    @property
    def first_step_late(self) -> bool:
        """Design has started but the lead has not even requested its first two services: the guideline's red flag."""
        return self.design_started and not all(item.engaged for item in self.steps[0].items)


@dataclass(frozen=True)
class ConsultationState:
    """What the checklist needs of one consultation."""

    status: str
    requested_on: date | None
    due_by: date | None
    held_on: date | None

    @property
    def held(self) -> bool:
        return self.status in ("held", "closed")

    @property
    def engaged(self) -> bool:
        return self.status in ("requested", "held", "closed")


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _detail(state: ConsultationState | None, today: date) -> str:
    if state is None or not state.engaged:
        return str(_("planned")) if state else str(_("not yet"))
    if state.held:
        return _("held on %(day)s") % {"day": _day(state.held_on)} if state.held_on else str(_("held"))
    if state.due_by and state.due_by < today:
        return _("lapsed: was due by %(day)s") % {"day": _day(state.due_by)}
    if state.due_by:
        return _("requested, due by %(day)s") % {"day": _day(state.due_by)}
    return str(_("requested"))


def build_checklist(
    *,
    lead_id: int,
    lead_name: str,
    partners: list[tuple[int, str]],
    consultations: dict[Pair, ConsultationState],
    design_start: date | None,
    today: date,
) -> OrderChecklist:
    """The three steps of the guideline's order. A consultation is ticked only once it was held: requested is
    not yet done, and a lapsed one is behind."""

    def item(kind: str) -> ChecklistItem:
        state = consultations.get((lead_id, kind))
        return ChecklistItem(
            label=str(KIND_LABELS[kind]),
            done=bool(state and state.held),
            detail=_detail(state, today),
            engaged=bool(state and state.engaged),
        )

    first = ChecklistStep(
        1, _("%(lead)s consults its internationalisation and teaching and learning services") % {"lead": lead_name}
    )
    first.items = [item(k) for k in FIRST_KINDS]
    second = ChecklistStep(2, _("%(lead)s consults its other services") % {"lead": lead_name})
    second.items = [item(k) for k in OTHER_KINDS]
    third = ChecklistStep(3, str(_("Each partner consults its own institution's services")))
    total = len(ServiceKind.values)
    for institution_id, name in partners:
        states = [consultations.get((institution_id, k)) for k in ServiceKind.values]
        held = sum(1 for st in states if st and st.held)
        engaged = sum(1 for st in states if st and st.engaged)
        detail = _("%(held)s of %(total)s held, %(engaged)s requested") % {
            "held": held, "total": total, "engaged": engaged - held
        }  # fmt: skip
        third.items.append(ChecklistItem(label=name, done=held == total, detail=detail, engaged=engaged == total))
    return OrderChecklist(
        steps=[first, second, third],
        design_start=design_start,
        design_started=design_start is not None and design_start <= today,
    )
