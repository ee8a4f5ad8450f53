"""Purging a course: the one way a course and what people recorded in it are deleted, by an admin, after a
confirmation that lists what goes (``teams.admin.CourseAdmin.purge``).

Everywhere else people's work is protected from cascades (``on_delete=PROTECT`` on work logs, positions on
decisions and evaluation data; every cascade and its rule: docs/retention.md), so ``course.delete()``
alone refuses. The purge deletes those records first, explicitly, then the course with the rest.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from core.history import attribute
from teams.models import Course

# (how the confirmation counts it, model label, path from the model to its course); people's work first, in the
# order the purge deletes it (each before what protects it).
INVENTORY: list[tuple[Any, str, str]] = [
    (ngettext_lazy("%(count)d work log", "%(count)d work logs", "count"), "phases.WorkLog", "task__phase__course"),
    (ngettext_lazy("%(count)d milestone", "%(count)d milestones", "count"), "phases.Milestone", "phase__course"),
    (ngettext_lazy("%(count)d task", "%(count)d tasks", "count"), "phases.Task", "phase__course"),
    (ngettext_lazy("%(count)d phase", "%(count)d phases", "count"), "phases.Phase", "course"),
    (
        ngettext_lazy("%(count)d position on a decision", "%(count)d positions on decisions", "count"),
        "quality.Consent",
        "decision__course",
    ),
    (
        ngettext_lazy("%(count)d set of examination rules", "%(count)d sets of examination rules", "count"),
        "quality.ExaminationRules",
        "course",
    ),
    (ngettext_lazy("%(count)d decision", "%(count)d decisions", "count"), "quality.Decision", "course"),
    (
        ngettext_lazy("%(count)d evaluation report", "%(count)d evaluation reports", "count"),
        "quality.EvaluationReport",
        "edition__course",
    ),
    (
        ngettext_lazy("%(count)d evaluation edition", "%(count)d evaluation editions", "count"),
        "quality.Edition",
        "course",
    ),
    (
        ngettext_lazy("%(count)d agreement signature", "%(count)d agreement signatures", "count"),
        "support.AgreementSignature",
        "agreement__course",
    ),
    (ngettext_lazy("%(count)d agreement", "%(count)d agreements", "count"), "support.Agreement", "course"),
    (
        ngettext_lazy("%(count)d support consultation", "%(count)d support consultations", "count"),
        "support.Consultation",
        "course",
    ),
    (ngettext_lazy("%(count)d team membership", "%(count)d team memberships", "count"), "teams.Membership", "course"),
    (
        ngettext_lazy("%(count)d partner institution", "%(count)d partner institutions", "count"),
        "teams.Partnership",
        "course",
    ),
    (ngettext_lazy("%(count)d reminder", "%(count)d reminders", "count"), "reminders.Reminder", "course"),
]
# Deleted before the course, in this order; the rest goes with it by cascade.
EXPLICIT = {"phases.WorkLog", "phases.Milestone", "quality.Consent", "quality.ExaminationRules",
            "quality.EvaluationReport"}  # fmt: skip


def course_purge_inventory(*, course: Course) -> list[tuple[str, int]]:
    """What a purge of ``course`` deletes: (how many of a kind, as people read it, e.g. "6 work logs"; how many),
    kinds with none left out."""
    counts = []
    for label, model_label, path in INVENTORY:
        n = apps.get_model(model_label).objects.filter(**{path: course}).count()
        if n:
            counts.append((str(label % {"count": n}), n))
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
