"""Purging a course: the one way a course and what people recorded in it are deleted, by an admin, after a
confirmation that lists what goes (``teams.admin.CourseAdmin.purge``).

Everywhere else people's work is protected from cascades (``on_delete=PROTECT`` on work logs, positions on
decisions and evaluation data; every cascade and its rule: docs/retention.md), so ``course.delete()``
alone refuses. The purge deletes those records first, explicitly, then the course with the rest.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from teams.models import Course

# (what the confirmation calls it, model label, path from the model to its course); people's work first, in the
# order the purge deletes it (each before what protects it).
INVENTORY = [
    ("work logs", "phases.WorkLog", "task__phase__course"),
    ("milestones", "phases.Milestone", "phase__course"),
    ("tasks", "phases.Task", "phase__course"),
    ("phases", "phases.Phase", "course"),
    ("positions on decisions", "quality.Consent", "decision__course"),
    ("examination rules", "quality.ExaminationRules", "course"),
    ("decisions", "quality.Decision", "course"),
    ("evaluation reports", "quality.EvaluationReport", "edition__course"),
    ("evaluation editions", "quality.Edition", "course"),
    ("agreement signatures", "support.AgreementSignature", "agreement__course"),
    ("agreements", "support.Agreement", "course"),
    ("support consultations", "support.Consultation", "course"),
    ("team memberships", "teams.Membership", "course"),
    ("partner institutions", "teams.Partnership", "course"),
    ("reminders", "reminders.Reminder", "course"),
]
# Deleted before the course, in this order; the rest goes with it by cascade.
EXPLICIT = {"phases.WorkLog", "phases.Milestone", "quality.Consent", "quality.ExaminationRules",
            "quality.EvaluationReport"}  # fmt: skip


def course_purge_inventory(*, course: Course) -> list[tuple[str, int]]:
    """What a purge of ``course`` deletes: (kind, how many), kinds with none left out."""
    counts = []
    for label, model_label, path in INVENTORY:
        n = apps.get_model(model_label).objects.filter(**{path: course}).count()
        if n:
            counts.append((label, n))
    return counts


NOT_ARCHIVED = _("Only an archived course can be purged: archive “{course}” first.")


@transaction.atomic
def course_purge(*, actor: User, course: Course) -> list[tuple[str, int]]:
    """Delete ``course`` and everything recorded in it (history tables keep the record of the deletion).

    Only an archived course (teams.archive): a course in use is never purged by surprise."""
    if course.archived_at is None:
        raise ValidationError(str(NOT_ARCHIVED).format(course=course.title))
    inventory = course_purge_inventory(course=course)
    for _label, model_label, path in INVENTORY:
        if model_label in EXPLICIT:
            for row in apps.get_model(model_label).objects.filter(**{path: course}):
                attribute(row, actor)
                row.delete()
    attribute(course, actor)
    course.delete()
    return inventory
