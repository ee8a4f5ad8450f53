"""A phase's page: its dates, milestones and the tasks the user may see, with forms for those who plan."""

from __future__ import annotations

import functools
from typing import Any, cast

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.generic import TemplateView

from accounts.http import AuthenticatedHttpRequest
from core.actions import ActionMixin
from phases import selectors
from phases.forms import MilestoneForm, PhaseActualForm, TaskForm
from phases.models import Phase, Task
from phases.services.common import minimum_months
from phases.services.phase import phase_record_actual
from phases.task_gantt import build_task_gantt
from phases.views.task_row import set_actions
from teams import permissions as perm
from teams.permissions import CoursePermissionMixin


class PhaseMixin(CoursePermissionMixin):
    kwargs: dict[str, Any]

    def get_phase(self) -> Phase:
        if self.kwargs["kind"] not in Phase.Kind.values:
            raise Http404("No such phase.")
        return get_object_or_404(Phase.objects.select_related("course"), course=self.course, kind=self.kwargs["kind"])


class PhaseDetailView(PhaseMixin, TemplateView):
    """A phase with its dates, milestones and the tasks the user may see; forms for planners."""

    request: AuthenticatedHttpRequest
    template_name = "phases/phase_detail.html"

    def phase_context(self, phase: Phase, **forms: Any) -> dict[str, Any]:
        """The page's context, lazily: a page served from its cached fragment reads no task, milestone or member."""
        today = timezone.localdate()
        user, perms = self.request.user, self.course_perms
        planner = perm.PLAN_PHASES in perms

        @functools.cache
        def visible_tasks() -> list[Task]:
            tasks = selectors.task_list_for_phase(phase=phase, user=user, perms=perms)
            for task in tasks:
                set_actions(task, user, perms)
            return tasks

        def form(name: str, build: Any) -> Any:
            return forms.get(name) or (SimpleLazyObject(build) if planner else None)

        return {
            "course": self.course,
            "course_perms": perms,
            "phase": phase,
            "status": phase.status_on(today),
            "today": today,
            "minimum_months": minimum_months(phase.kind, self.course),
            "milestones": SimpleLazyObject(lambda: selectors.milestone_list(phase=phase)),
            "tasks": SimpleLazyObject(visible_tasks),
            "gantt": SimpleLazyObject(lambda: build_task_gantt(phase=phase, tasks=visible_tasks(), today=today)),
            "layout": "phase",
            "sees_all_tasks": perm.VIEW_ALL_TASKS in perms,
            "planner": planner,
            "actual_form": form("actual_form", lambda: PhaseActualForm(phase=phase)),
            "milestone_form": form("milestone_form", lambda: MilestoneForm(course=self.course)),
            "task_form": form("task_form", lambda: TaskForm(course=self.course)),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **self.phase_context(self.get_phase())}


class PhaseActionView(ActionMixin, PhaseDetailView):
    """Base for the phase page's forms: a section (htmx) or a redirect on success, the form with 400 on error."""

    request: AuthenticatedHttpRequest
    template_name: str  # PhaseDetailView's page

    permission_required = perm.PLAN_PHASES
    section = ""

    @property
    def section_template(self) -> str:  # type: ignore[override]
        return f"phases/_{self.section}.html"

    def setup(self, request, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.phase: Phase | None = None

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_phase().get_absolute_url())

    def success_url(self, result: Any) -> str:
        return cast(Phase, self.phase).get_absolute_url()  # set by post

    def action_context(self, **extra: Any) -> dict[str, Any]:
        context = self.phase_context(cast(Phase, self.phase), **extra)
        context["section_message"] = extra.get("section_message", "")
        if not self.swaps_section():
            context.update(super(PhaseDetailView, self).get_context_data())
        return context


class PhaseActualView(PhaseActionView):
    section = "phase_dates"

    def post(self, request, *args, **kwargs):
        self.phase = phase = self.get_phase()
        return self.run(
            PhaseActualForm(request.POST, phase=phase),
            lambda data: phase_record_actual(
                actor=request.user, phase=phase, actual_start=data["actual_start"], actual_end=data["actual_end"]
            ),
            form_name="actual_form",
            message=gettext("Dates of %(phase)s saved.") % {"phase": phase.kind_in_sentence},
        )

    def respond(self, *, status: int = 200, **extra: Any) -> HttpResponse:
        if status == 400:
            cast(Phase, self.phase).refresh_from_db()  # the form's cleaning may have changed the instance
        return super().respond(status=status, **extra)
