from datetime import timedelta

import pytest
from django.utils import timezone

from support.models import Consultation, ServiceKind
from tests.factories.phases import add_milestone, add_task, member, running_design
from tests.factories.support import ConsultationFactory


@pytest.fixture
def due_work(cast):
    """A task due in 3 days (partner + learner), one overdue (stakeholder), a milestone due in 5 days (partner)."""
    today = timezone.localdate()
    design = running_design(cast.course, today)
    # As the guideline asks, the lead consulted its internationalisation and teaching and learning services at
    # the start of design, so the support app has nothing to remind of here: these tests count phases' occasions.
    for kind in (ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING):
        ConsultationFactory(course=cast.course, institution=cast.course.lead_institution, kind=kind,
                            status=Consultation.Status.HELD, requested_on=today - timedelta(days=20),
                            due_by=today - timedelta(days=10), held_on=today - timedelta(days=12))  # fmt: skip
    soon = add_task(design, title="Draft the syllabus", due_on=today + timedelta(days=3),
                    assignees=[member(cast.course, cast.partner), member(cast.course, cast.learner)])  # fmt: skip
    late = add_task(design, title="Survey employers", due_on=today - timedelta(days=2), co_creation_aspect="needs_analysis",
                    assignees=[member(cast.course, cast.stakeholder)])  # fmt: skip
    milestone = add_milestone(design, owner=member(cast.course, cast.partner), due_on=today + timedelta(days=5))
    return {"design": design, "soon": soon, "late": late, "milestone": milestone}
