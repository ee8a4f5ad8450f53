from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from phases.models import Milestone, Phase, Task
from tests.factories.phases import add_milestone, add_task, member, running_design


@dataclass
class Work:
    design: Phase
    shared: Task  # assigned to the partner and the learner representative
    stakeholder_task: Task
    milestone: Milestone


@pytest.fixture
def work(cast) -> Work:
    """A running design with a task for the partner and learner, one for the stakeholder, and a milestone."""
    today = timezone.localdate()
    design = running_design(cast.course, today)
    shared = add_task(
        design,
        title="Draft the syllabus",
        assignees=[member(cast.course, cast.partner), member(cast.course, cast.learner)],
        due_on=today + timedelta(days=3),
    )
    stakeholder_task = add_task(
        design,
        title="Survey employers",
        assignees=[member(cast.course, cast.stakeholder)],
        due_on=today + timedelta(days=9),
        co_creation_aspect="needs_analysis",
    )
    milestone = add_milestone(design, owner=member(cast.course, cast.partner), due_on=today + timedelta(days=20))
    return Work(design=design, shared=shared, stakeholder_task=stakeholder_task, milestone=milestone)
