"""The course timeline, the leader's phase plan, and the hours logged per institution and phase."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.views.generic import TemplateView

from core.actions import ActionMixin
from phases import selectors
from phases.forms import PhasePlanForm, PlanStartForm
from phases.models import Phase
from phases.services.common import minimum_months
from phases.services.plan import PlannedPhase, phase_plan_propose, phase_plan_save
from phases.timeline import build_timeline
from teams import permissions as perm
from teams.permissions import CoursePermissionMixin


class TimelineView(CoursePermissionMixin, TemplateView):
    template_name = "phases/timeline.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today, course = timezone.localdate(), self.course
        # Lazy: read only when the cached timeline ({% cachedfragment %}) has to be drawn afresh.
        context.update(
            today=today,
            phases=SimpleLazyObject(lambda: [(p, p.status_on(today)) for p in selectors.course_phases(course=course)]),
            timeline=SimpleLazyObject(
                lambda: build_timeline(
                    course=course,
                    phases=selectors.course_phases(course=course),
                    milestones=selectors.milestone_list_for_timeline(course=course),
                    today=today,
                )
            ),
        )
        return context


class PhasePlanView(CoursePermissionMixin, ActionMixin, TemplateView):
    """The leader's plan: propose one from a start date, adjust it, save it once it meets every rule."""

    permission_required = perm.PLAN_PHASES
    template_name = "phases/plan.html"

    def get(self, request, *args, **kwargs):
        phases = selectors.course_phases(course=self.course)
        start_form = PlanStartForm(request.GET if "propose-start" in request.GET else None)
        proposed = False
        if start_form.is_bound and start_form.is_valid():
            plan = phase_plan_propose(course=self.course, start=start_form.cleaned_data["start"])
            proposed = True
        elif phases:
            plan = [PlannedPhase(kind=p.kind, start=p.planned_start, end=p.planned_end) for p in phases]
        else:
            plan = phase_plan_propose(course=self.course, start=timezone.localdate())
            proposed = True
        form = PhasePlanForm(initial=PhasePlanForm.initial_from(plan))
        status = 400 if start_form.is_bound and not start_form.is_valid() else 200
        context = self.action_context(form=form, start_form=start_form, proposed=proposed)
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        form = PhasePlanForm(request.POST)
        return self.run(
            form,
            lambda data: phase_plan_save(actor=request.user, course=self.course, plan=form.plan()),
            message=gettext("Phase plan saved."),
        )

    def success_url(self, result: Any) -> str:
        return reverse("phases:timeline", kwargs={"slug": self.course.slug})

    def action_context(self, **extra: Any) -> dict[str, Any]:
        defaults = {"start_form": PlanStartForm(), "proposed": False}
        return self.get_context_data(
            **{**defaults, **extra},
            design_min=minimum_months(Phase.Kind.DESIGN, self.course),
            development_min=minimum_months(Phase.Kind.DEVELOPMENT, self.course),
        )


class EffortView(CoursePermissionMixin, TemplateView):
    """The leader's (and QA's) view of hours logged per institution and per phase."""

    permission_required = perm.VIEW_EFFORT
    template_name = "phases/effort.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["effort"] = selectors.course_effort(course=self.course)
        context["phase_labels"] = [label for _, label in Phase.Kind.choices]
        return context
