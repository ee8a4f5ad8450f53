"""Phases, milestones, tasks and work logs of a course (DOMAIN.md: Phase, Milestone, Task)."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from teams.models import CoCreationAspect, Course, Institution, Membership, StakeholderOrganisation


class PhaseStatus(models.TextChoices):
    """Derived from the dates and today, never stored (so it cannot disagree with them)."""

    NOT_STARTED = "not_started", "Not started"
    RUNNING = "running", "Running"
    OVERRUNNING = "overrunning", "Overrunning"
    COMPLETED = "completed", "Completed"


class Phase(TimeStampedModel):
    class Kind(models.TextChoices):
        DESIGN = "design", "Design"
        DEVELOPMENT = "development", "Development"
        IMPLEMENTATION = "implementation", "Implementation"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    planned_start = models.DateField()
    planned_end = models.DateField()
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
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


PHASE_ORDER: list[str] = [Phase.Kind.DESIGN, Phase.Kind.DEVELOPMENT, Phase.Kind.IMPLEMENTATION]


class Milestone(TimeStampedModel):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    owner = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="owned_milestones")
    completed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["due_on", "title"]
        indexes = [models.Index(fields=["due_on"], name="milestone_due", condition=Q(completed_on__isnull=True))]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.completed_on is None and self.due_on < today


class Task(TimeStampedModel):
    class Status(models.TextChoices):
        TODO = "todo", "To do"
        IN_PROGRESS = "in_progress", "In progress"
        BLOCKED = "blocked", "Blocked"
        DONE = "done", "Done"

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, max_length=5000)
    assignees = models.ManyToManyField(Membership, related_name="tasks", blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.TODO)
    co_creation_aspect = models.CharField(
        max_length=32, choices=CoCreationAspect.choices, blank=True, help_text="For work with stakeholders."
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[assignees])

    class Meta:
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

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="work_logs")
    member = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="work_logs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="work_logs")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="work_logs"
    )
    organisation = models.ForeignKey(
        StakeholderOrganisation, on_delete=models.PROTECT, null=True, blank=True, related_name="work_logs"
    )
    date = models.DateField()
    hours = models.DecimalField(
        max_digits=4, decimal_places=2, validators=[MinValueValidator(0.25), MaxValueValidator(24)]
    )
    note = models.CharField(max_length=500, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="worklog_hours_range")]

    def __str__(self) -> str:
        return f"{self.hours} h on {self.task} by {self.user}"

    @property
    def by_former_member(self) -> bool:
        return self.member_id is None
