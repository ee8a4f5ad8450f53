from dataclasses import dataclass

import pytest

from quality.models import Decision, Edition, EvaluationReport, ExaminationRules
from teams.models import Institution
from tests.factories.quality import make_binding_rules, make_decision, make_edition, make_rules, submit_report


@pytest.fixture
def partner_institution(cast) -> Institution:
    """The institution the cast's partner representative speaks for."""
    return cast.partner.memberships.get(course=cast.course).institution


@dataclass
class World:
    """The cast's course with something of every kind: a decision, binding rules and a draft, an edition
    with the partner's data waiting for review."""

    decision: Decision
    binding: ExaminationRules
    draft: ExaminationRules
    edition: Edition
    report: EvaluationReport


@pytest.fixture
def world(cast, partner_institution) -> World:
    binding = make_binding_rules(cast.course)
    draft = make_rules(cast.course)
    edition = make_edition(cast.course)
    return World(
        decision=make_decision(cast.course),
        binding=binding,
        draft=draft,
        edition=edition,
        report=submit_report(edition, partner_institution),
    )
