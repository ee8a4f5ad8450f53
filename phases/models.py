"""Phases, milestones, tasks and work logs of a course (DOMAIN.md: Phase, Milestone, Task)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import CoCreationAspect, Course, Institution, Membership, StakeholderOrganisation


class PhaseStatus(models.TextChoices):
    """Derived from the dates and today, never stored (so it cannot disagree with them)."""

    NOT_STARTED = "not_started", _("Not started")
    RUNNING = "running", _("Running")
    OVERRUNNING = "overrunning", _("Overrunning")
    COMPLETED = "completed", _("Completed")


class Phase(TimeStampedModel):
    class Kind(models.TextChoices):
        DESIGN = "design", _("Design")
        DEVELOPMENT = "development", _("Development")
        IMPLEMENTATION = "implementation", _("Implementation")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="phases", verbose_name=_("course"))
    kind = models.CharField(_("phase"), max_length=16, choices=Kind.choices)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["course", "planned_start"]
        constraints = [
            models.UniqueConstraint(fields=["course", "kind"], name="phase_one_per_kind"),
            models.CheckConstraint(condition=Q(planned_end__gt=F("planned_start")), name="phase_planned_order"),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | Q(actual_start__isnull=False, actual_end__gte=F("actual_start")),
                name="phase_actual_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.course}"

    def get_absolute_url(self) -> str:
        return reverse("phases:phase_detail", kwargs={"slug": self.course.slug, "kind": self.kind})

    def status_on(self, today: date) -> PhaseStatus:
        """Completed once its end is recorded; overrunning when the planned end has passed before that."""
        if self.actual_end is not None:
            return PhaseStatus.COMPLETED
        if self.planned_end < today:
            return PhaseStatus.OVERRUNNING
        if self.actual_start is not None:
            return PhaseStatus.RUNNING
        return PhaseStatus.NOT_STARTED

    @property
    def position(self) -> int:
        return PHASE_ORDER.index(self.kind)

    @property
    def kind_in_sentence(self) -> str:
        return phase_in_sentence(self.kind)


PHASE_ORDER: list[str] = [Phase.Kind.DESIGN, Phase.Kind.DEVELOPMENT, Phase.Kind.IMPLEMENTATION]

# A phase's name inside a sentence ("deleted from design"): its own message, not the label lowercased, which is
# wrong wherever nouns keep their capital (German) or the name takes another form in running text.
KIND_IN_SENTENCE: dict[str, Any] = {
    Phase.Kind.DESIGN: pgettext_lazy("a phase's name inside a sentence", "design"),
    Phase.Kind.DEVELOPMENT: pgettext_lazy("a phase's name inside a sentence", "development"),
    Phase.Kind.IMPLEMENTATION: pgettext_lazy("a phase's name inside a sentence", "implementation"),
}


def phase_in_sentence(kind: str) -> str:
    """The phase's name as running text reads it, in the active language."""
    return str(KIND_IN_SENTENCE[kind])


class Milestone(TimeStampedModel):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("phase"))
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    owner = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="owned_milestones", verbose_name=_("owner")
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "title"]
        indexes = [models.Index(fields=["due_on"], name="milestone_due", condition=Q(completed_on__isnull=True))]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.completed_on is None and self.due_on < today


class Task(TimeStampedModel):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        BLOCKED = "blocked", _("Blocked")
        DONE = "done", _("Done")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("phase"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    assignees = models.ManyToManyField(Membership, related_name="tasks", blank=True, verbose_name=_("assignees"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.TODO)
    co_creation_aspect = models.CharField(
        _("co-creation aspect"),
        max_length=32,
        choices=CoCreationAspect.choices,
        blank=True,
        help_text=_("For work with stakeholders."),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[assignees])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "title"]
        indexes = [
            models.Index(fields=["due_on"], name="task_open_due", condition=~Q(status="done")),
            models.Index(fields=["phase", "status"], name="task_phase_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.status != self.Status.DONE and self.due_on is not None and self.due_on < today


class WorkLog(TimeStampedModel):
    """Hours someone spent on a task. Kept when they leave the team: who and for whom stay on the row itself.

    ``member`` is their membership while they are in the team (None once removed: a former member); ``user``,
    ``institution`` and ``organisation`` keep who did the work and whom it counts for in the effort totals.
    A task with logged work cannot be deleted (``phases.services.task_delete`` refuses; PROTECT here).
    """

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="work_logs", verbose_name=_("task"))
    member = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_logs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="work_logs")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="work_logs"
    )
    organisation = models.ForeignKey(
        StakeholderOrganisation, on_delete=models.PROTECT, null=True, blank=True, related_name="work_logs"
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=2, validators=[MinValueValidator(0.25), MaxValueValidator(24)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="worklog_hours_range")]

    def __str__(self) -> str:
        return f"{self.hours} h on {self.task} by {self.user}"

    @property
    def by_former_member(self) -> bool:
        return self.member_id is None
