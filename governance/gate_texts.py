"""Whole sentences about each gate, so translators never see a gate's label dropped into a sentence.

A label such as "Into development" lowercased inside "The course moved %(gate)s" reads well only in English;
each language needs the whole sentence (word order, case, prepositions) per gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from governance.models.gates import Gate


@dataclass(frozen=True)
class GateTexts:
    # Lazy strings (translated when used); Any because the stubs type them as Promise, without % or format().
    moved: Any  # a flash message after passing the gate
    already: Any  # refusal; {day}
    not_planned: Any  # refusal: the phase the gate leads into is not in the plan
    passed: Any  # history; %(date)s
    passed_unmet: Any  # history, plural on "count"; %(date)s %(conditions)s %(reason)s
    went_unmet: Any  # reminder title, plural on "count"; %(course)s %(count)s %(reason)s


GATE_TEXTS: dict[str, GateTexts] = {
    Gate.DEVELOPMENT: GateTexts(
        moved=_("The course moved into development."),
        already=_("The course already went into development on {day}."),
        not_planned=_("Plan the phases first: there is no development phase to move into."),
        passed=_("Gate into development passed on %(date)s"),
        passed_unmet=ngettext_lazy(
            "Gate into development passed on %(date)s with an unmet condition (%(conditions)s); reason: %(reason)s",
            "Gate into development passed on %(date)s with unmet conditions (%(conditions)s); reason: %(reason)s",
            "count",
        ),
        went_unmet=ngettext_lazy(
            "%(course)s went into development with %(count)s unmet condition. Reason: %(reason)s",
            "%(course)s went into development with %(count)s unmet conditions. Reason: %(reason)s",
            "count",
        ),
    ),
    Gate.IMPLEMENTATION: GateTexts(
        moved=_("The course moved into implementation."),
        already=_("The course already went into implementation on {day}."),
        not_planned=_("Plan the phases first: there is no implementation phase to move into."),
        passed=_("Gate into implementation passed on %(date)s"),
        passed_unmet=ngettext_lazy(
            "Gate into implementation passed on %(date)s with an unmet condition (%(conditions)s); reason: %(reason)s",
            "Gate into implementation passed on %(date)s with unmet conditions (%(conditions)s); reason: %(reason)s",
            "count",
        ),
        went_unmet=ngettext_lazy(
            "%(course)s went into implementation with %(count)s unmet condition. Reason: %(reason)s",
            "%(course)s went into implementation with %(count)s unmet conditions. Reason: %(reason)s",
            "count",
        ),
    ),
}
