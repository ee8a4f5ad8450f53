from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.phases import add_milestone, add_task, member, running_design


@pytest.fixture
def due_work(cast):
    """A task due in 3 days (partner + learner), one overdue (stakeholder), a milestone due in 5 days (partner)."""
    today = timezone.localdate()
    design = running_design(cast.course, today)
    soon = add_task(design, title="Draft the syllabus", due_on=today + timedelta(days=3),
                    assignees=[member(cast.course, cast.partner), member(cast.course, cast.learner)])  # fmt: skip
    late = add_task(design, title="Survey employers", due_on=today - timedelta(days=2), co_creation_aspect="needs_analysis",
                    assignees=[member(cast.course, cast.stakeholder)])  # fmt: skip
    milestone = add_milestone(design, owner=member(cast.course, cast.partner), due_on=today + timedelta(days=5))
    return {"design": design, "soon": soon, "late": late, "milestone": milestone}
