"""Course timeline, phase pages, tasks and work logs, effort, and "My tasks". Thin: parse, call, render."""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.generic import TemplateView

from core.confirm import Confirmation, confirmation_page
from core.errors import add_errors_to_form
from phases import conf, selectors, services
from phases import permissions as rules
from phases.filters import MyTaskFilter
from phases.forms import (
    MilestoneForm,
    PhaseActualForm,
    PhasePlanForm,
    PlanStartForm,
    TaskForm,
    TaskStatusForm,
    WorkLogForm,
)
from phases.models import Milestone, Phase, Task
from phases.timeline import build_timeline
from teams import permissions as perm
from teams.models import CourseUserObjectPermission
from teams.permissions import ALL_COURSE_PERMISSIONS, CoursePermissionMixin


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


class PhasePlanView(CoursePermissionMixin, TemplateView):
    """The leader's plan: propose one from a start date, adjust it, save it once it meets every rule."""

    permission_required = perm.PLAN_PHASES
    template_name = "phases/plan.html"

    def get(self, request, *args, **kwargs):
        phases = selectors.course_phases(course=self.course)
        start_form = PlanStartForm(request.GET if "propose-start" in request.GET else None)
        proposed = False
        if start_form.is_bound and start_form.is_valid():
            plan = services.phase_plan_propose(course=self.course, start=start_form.cleaned_data["start"])
            proposed = True
        elif phases:
            plan = [services.PlannedPhase(kind=p.kind, start=p.planned_start, end=p.planned_end) for p in phases]
        else:
            plan = services.phase_plan_propose(course=self.course, start=timezone.localdate())
            proposed = True
        form = PhasePlanForm(initial=PhasePlanForm.initial_from(plan))
        status = 400 if start_form.is_bound and not start_form.is_valid() else 200
        return self.page(form=form, start_form=start_form, proposed=proposed, status=status)

    def post(self, request, *args, **kwargs):
        form = PhasePlanForm(request.POST)
        if form.is_valid():
            try:
                services.phase_plan_save(actor=request.user, course=self.course, plan=form.plan())
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, "Phase plan saved.")
                return HttpResponseRedirect(reverse("phases:timeline", kwargs={"slug": self.course.slug}))
        return self.page(form=form, start_form=PlanStartForm(), proposed=False, status=400)

    def page(self, *, form, start_form, proposed: bool, status: int) -> HttpResponse:
        context = self.get_context_data(
            form=form,
            start_form=start_form,
            proposed=proposed,
            design_min=services.minimum_months(Phase.Kind.DESIGN, self.course),
            development_min=services.minimum_months(Phase.Kind.DEVELOPMENT, self.course),
        )
        return self.render_to_response(context, status=status)


class PhaseMixin(CoursePermissionMixin):
    def get_phase(self) -> Phase:
        if self.kwargs["kind"] not in Phase.Kind.values:
            raise Http404("No such phase.")
        return get_object_or_404(Phase.objects.select_related("course"), course=self.course, kind=self.kwargs["kind"])


class PhaseDetailView(PhaseMixin, TemplateView):
    """A phase with its dates, milestones and the tasks the user may see; forms for planners."""

    template_name = "phases/phase_detail.html"

    def phase_context(self, phase: Phase, **forms: Any) -> dict[str, Any]:
        today = timezone.localdate()
        user, perms = self.request.user, self.course_perms
        tasks = selectors.task_list_for_phase(phase=phase, user=user, perms=perms)
        for task in tasks:
            _set_actions(task, user, perms)
        planner = perm.PLAN_PHASES in perms
        return {
            "course": self.course,
            "course_perms": perms,
            "phase": phase,
            "status": phase.status_on(today),
            "today": today,
            "minimum_months": services.minimum_months(phase.kind, self.course),
            "milestones": selectors.milestone_list(phase=phase),
            "tasks": tasks,
            "layout": "phase",
            "sees_all_tasks": perm.VIEW_ALL_TASKS in perms,
            "planner": planner,
            "actual_form": forms.get("actual_form") or (PhaseActualForm(phase=phase) if planner else None),
            "milestone_form": forms.get("milestone_form") or (MilestoneForm(course=self.course) if planner else None),
            "task_form": forms.get("task_form") or (TaskForm(course=self.course) if planner else None),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **self.phase_context(self.get_phase())}


class PhaseActionView(PhaseDetailView):
    """Base for the phase page's forms: a section (htmx) or a redirect on success, the form with 400 on error."""

    permission_required = perm.PLAN_PHASES
    section = ""
    form_name = ""

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_phase().get_absolute_url())

    def respond(self, phase: Phase, form=None, message: str = "") -> HttpResponse:
        if form is None and not self.request.htmx:
            messages.success(self.request, message)
            return HttpResponseRedirect(phase.get_absolute_url())
        context = self.phase_context(phase, **({self.form_name: form} if form is not None else {}))
        context["section_message"] = message
        template = f"phases/_{self.section}.html" if self.request.htmx else self.template_name
        if not self.request.htmx:
            context.update(super(PhaseDetailView, self).get_context_data())
        return render(self.request, template, context, status=400 if form is not None else 200)


class PhaseActualView(PhaseActionView):
    section = "phase_dates"
    form_name = "actual_form"

    def post(self, request, *args, **kwargs):
        phase = self.get_phase()
        form = PhaseActualForm(request.POST, phase=phase)
        if form.is_valid():
            try:
                services.phase_record_actual(actor=request.user, phase=phase, **_actual(form))
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                return self.respond(phase, message=f"Dates of {phase.get_kind_display().lower()} saved.")
        phase.refresh_from_db()
        return self.respond(phase, form)


def _actual(form: PhaseActualForm) -> dict[str, Any]:
    return {"actual_start": form.cleaned_data["actual_start"], "actual_end": form.cleaned_data["actual_end"]}


class MilestoneCreateView(PhaseActionView):
    section = "milestones"
    form_name = "milestone_form"

    def post(self, request, *args, **kwargs):
        phase = self.get_phase()
        form = MilestoneForm(request.POST, course=self.course)
        if form.is_valid():
            try:
                milestone = services.milestone_create(actor=request.user, phase=phase, **form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                return self.respond(phase, message=f"Milestone “{milestone.title}” added.")
        return self.respond(phase, form)


class TaskCreateView(PhaseActionView):
    section = "tasks"
    form_name = "task_form"

    def post(self, request, *args, **kwargs):
        phase = self.get_phase()
        form = TaskForm(request.POST, course=self.course)
        if form.is_valid():
            try:
                task = services.task_create(actor=request.user, phase=phase, **form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                return self.respond(phase, message=f"Task “{task.title}” added.")
        return self.respond(phase, form)


class EditView(CoursePermissionMixin, TemplateView):
    """Edit one milestone or task on a page of its own."""

    permission_required = perm.PLAN_PHASES
    template_name = "phases/edit.html"

    def page(self, obj, form, status: int = 200) -> HttpResponse:
        context = self.get_context_data(form=form, obj=obj, phase=obj.phase, kind=self.kind)
        return self.render_to_response(context, status=status)


class MilestoneEditView(EditView):
    kind = "milestone"

    def get_object(self) -> Milestone:
        return get_object_or_404(
            Milestone.objects.select_related("phase__course"), pk=self.kwargs["pk"], phase__course=self.course
        )

    def get(self, request, *args, **kwargs):
        milestone = self.get_object()
        return self.page(milestone, MilestoneForm(instance=milestone, course=self.course))

    def post(self, request, *args, **kwargs):
        milestone = self.get_object()
        form = MilestoneForm(request.POST, instance=milestone, course=self.course)
        if form.is_valid():
            try:
                services.milestone_update(actor=request.user, milestone=milestone, **form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, f"Milestone “{milestone.title}” saved.")
                return HttpResponseRedirect(milestone.phase.get_absolute_url())
        return self.page(self.get_object(), form, status=400)


class MilestoneDeleteView(CoursePermissionMixin, TemplateView):
    """Delete a milestone, for those who plan: GET asks on a page of its own, POST deletes."""

    permission_required = perm.PLAN_PHASES

    def get_object(self) -> Milestone:
        milestone = get_object_or_404(
            Milestone.objects.select_related("phase"), pk=self.kwargs["pk"], phase__course=self.course
        )
        milestone.phase.course = self.course  # known already: the links back must not load it again
        return milestone

    def get(self, request, *args, **kwargs):
        milestone = self.get_object()
        confirmation = Confirmation(
            tab="timeline",
            title=f"Delete the milestone “{milestone.title}”",
            question=f"“{milestone.title}”, due on {date_format(milestone.due_on, 'j M Y')}, will be deleted from "
            f"{milestone.phase.get_kind_display().lower()}.",
            consequence="Reminders of it that have not been sent yet are withdrawn.",
            action="Delete milestone",
            back_url=milestone.phase.get_absolute_url(),
        )
        return confirmation_page(request, self.get_context_data(), confirmation)

    def post(self, request, *args, **kwargs):
        milestone = self.get_object()
        services.milestone_delete(actor=request.user, milestone=milestone)
        messages.success(request, f"Milestone “{milestone.title}” deleted.")
        return HttpResponseRedirect(milestone.phase.get_absolute_url())


class TaskEditView(EditView):
    kind = "task"

    def get_object(self) -> Task:
        return get_object_or_404(
            Task.objects.select_related("phase__course"), pk=self.kwargs["pk"], phase__course=self.course
        )

    def get(self, request, *args, **kwargs):
        task = self.get_object()
        return self.page(task, TaskForm(instance=task, course=self.course))

    def post(self, request, *args, **kwargs):
        task = self.get_object()
        form = TaskForm(request.POST, instance=task, course=self.course)
        if form.is_valid():
            try:
                services.task_update(actor=request.user, task=task, **form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, f"Task “{task.title}” saved.")
                return HttpResponseRedirect(task.phase.get_absolute_url())
        return self.page(self.get_object(), form, status=400)


# --- One task row, swapped in place by htmx: log work, change status --------------------------------------


def _set_actions(task: Task, user, perms: frozenset[str]) -> None:
    task.can_log = rules.can_log_work(user=user, perms=perms, task=task)
    task.can_set_status = rules.can_set_status(user=user, perms=perms, task=task)
    task.can_edit = rules.can_edit_task(perms=perms)


class TaskRowView(CoursePermissionMixin, View):
    """GET: the task's row (htmx "Cancel"). Subclasses handle the row's forms."""

    def get_task(self) -> Task:
        task = selectors.task_for_user(
            course=self.course, pk=self.kwargs["pk"], user=self.request.user, perms=self.course_perms
        )
        if task is None:
            raise Http404("No task found.")
        _set_actions(task, self.request.user, self.course_perms)
        return task

    def layout(self) -> str:
        return "mine" if (self.request.POST or self.request.GET).get("layout") == "mine" else "phase"

    def row(
        self,
        task: Task,
        *,
        log_form=None,
        message: str = "",
        confirm_delete: bool = False,
        delete_refusal: str = "",
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "task": task,
            "course": self.course,
            "layout": self.layout(),
            "log_form": log_form,
            "row_message": message,
            "confirm_delete": confirm_delete,
            "delete_refusal": delete_refusal,
            "today": timezone.localdate(),
        }
        return render(self.request, "phases/_task.html", context, status=status)

    def get(self, request, *args, **kwargs):
        return self.row(self.get_task())


class WorkLogCreateView(TaskRowView):
    permission_required = perm.LOG_WORK

    def get(self, request, *args, **kwargs):
        task = self.get_task()
        if not task.can_log:
            raise PermissionDenied(services.ONLY_ASSIGNEES_LOG)
        form = WorkLogForm(task=task, initial={"date": timezone.localdate()})
        if request.htmx:
            return self.row(task, log_form=form)
        return self.log_page(task, form)

    def log_page(self, task: Task, form: WorkLogForm, status: int = 200) -> HttpResponse:
        context = {
            "task": task,
            "course": self.course,
            "course_perms": self.course_perms,
            "form": form,
            "layout": self.layout(),
        }
        return render(self.request, "phases/work_log_page.html", context, status=status)

    def post(self, request, *args, **kwargs):
        task = self.get_task()
        if not task.can_log:
            raise PermissionDenied(services.ONLY_ASSIGNEES_LOG)
        form = WorkLogForm(request.POST, task=task)
        if form.is_valid():
            try:
                log = services.work_log_create(actor=request.user, task=task, **form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                message = f"Logged {services.format_hours(log.hours)} h on {date_format(log.date, 'j M Y')}."
                if not request.htmx:
                    messages.success(request, f"{message} ({task.title})")
                    return HttpResponseRedirect(_back(request, task))
                return self.row(self.get_task(), message=message)
        if not request.htmx:
            return self.log_page(task, form, status=400)
        return self.row(task, log_form=form, status=400)


class TaskStatusView(TaskRowView):
    def post(self, request, *args, **kwargs):
        task = self.get_task()
        if not task.can_set_status:
            raise PermissionDenied("Only the task's assignees and the course leader change its status.")
        form = TaskStatusForm(request.POST, task=task)
        if not form.is_valid():
            return self.row(task, message="Choose one of the statuses.", status=400)
        services.task_set_status(actor=request.user, task=task, status=form.cleaned_data["status"])
        if not request.htmx:
            return HttpResponseRedirect(_back(request, task))
        task = self.get_task()
        return self.row(task, message=f"Status set to {task.get_status_display().lower()}.")


class TaskDeleteView(TaskRowView):
    """Delete a task, for those who plan: GET asks first (inline under the row with htmx, a page otherwise)."""

    permission_required = perm.PLAN_PHASES

    def confirm(self, task: Task, refusal: str, status: int = 200) -> HttpResponse:
        if self.request.htmx:
            return self.row(task, confirm_delete=True, delete_refusal=refusal, status=status)
        layout = self.layout()
        confirmation = Confirmation(
            tab="timeline",
            title=f"Delete the task “{task.title}”",
            question=f"“{task.title}” will be deleted from {task.phase.get_kind_display().lower()}, "
            "and its assignees will no longer see it.",
            consequence="Reminders of it that have not been sent yet are withdrawn.",
            action="Delete task",
            back_url=reverse("phases:my_tasks") if layout == "mine" else task.phase.get_absolute_url(),
            refusal=refusal,
            hidden={"layout": layout},
        )
        context = {"course": self.course, "course_perms": self.course_perms}
        return confirmation_page(self.request, context, confirmation, status=status)

    def get(self, request, *args, **kwargs):
        task = self.get_task()
        return self.confirm(task, services.task_delete_refusal(task=task, hours_logged=task.hours_logged))

    def post(self, request, *args, **kwargs):
        task = self.get_task()
        try:
            services.task_delete(actor=request.user, task=task)
        except ValidationError as error:
            return self.confirm(task, " ".join(error.messages), status=400)
        message = f"Task “{task.title}” deleted."
        if request.htmx:
            context = {"pk": task.pk, "message": message, "layout": self.layout()}
            return render(request, "phases/_task_deleted.html", context)
        messages.success(request, message)
        return HttpResponseRedirect(_back(request, task))


def _back(request, task: Task) -> str:
    if request.POST.get("layout") == "mine":
        return reverse("phases:my_tasks")
    return task.phase.get_absolute_url()


class EffortView(CoursePermissionMixin, TemplateView):
    """The leader's (and QA's) view of hours logged per institution and per phase."""

    permission_required = perm.VIEW_EFFORT
    template_name = "phases/effort.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["effort"] = selectors.course_effort(course=self.course)
        context["phase_labels"] = [label for _, label in Phase.Kind.choices]
        return context


class MyTasksView(LoginRequiredMixin, TemplateView):
    """Tasks across all the user's courses, filtered and sorted; htmx swaps just the results."""

    template_name = "phases/my_tasks.html"

    def get(self, request, *args, **kwargs):
        # The form and its validity need no tasks; the tasks' queryset (costly to build) waits for results(), and
        # the form itself for a page rendered afresh.
        filterset = SimpleLazyObject(
            lambda: MyTaskFilter(request.GET or None, queryset=Task.objects.none(), user=request.user)
        )
        valid = _filters_valid(filterset, request)

        @functools.cache
        def results() -> tuple[Page, list[Task]]:
            """The page of tasks: read only when the cached list ({% cachedfragment %}) has to be rendered."""
            filterset.queryset = selectors.task_list_for_user(user=request.user)
            page = Paginator(filterset.qs if valid else filterset.queryset.none(), conf.tasks_per_page()).get_page(
                request.GET.get("page")
            )
            tasks = list(page.object_list)
            perms_by_course = _perms_by_course(request.user, {t.phase.course_id for t in tasks})
            for task in tasks:
                _set_actions(task, request.user, perms_by_course.get(task.phase.course_id, frozenset()))
            return page, tasks

        query = request.GET.copy()
        query.pop("page", None)
        context = self.get_context_data(
            filter=filterset,
            page=SimpleLazyObject(lambda: results()[0]),
            tasks=SimpleLazyObject(lambda: results()[1]),
            fragment_course_ids=SimpleLazyObject(lambda: perm.course_ids_for_user(request.user)),
            layout="mine",
            query=query.urlencode(),
            today=timezone.localdate(),
        )
        template = (
            "phases/_my_task_results.html"
            if request.htmx and request.htmx.target == "task-results"
            else self.template_name
        )
        return render(request, template, context, status=200 if valid else 400)


def _filters_valid(filterset: MyTaskFilter, request) -> bool:
    """Whether My tasks' filters are valid (200) or not (400), kept while the user's courses, the only choices
    that vary, are unchanged: a page served from the cache then never builds the form."""
    user = request.user
    if user.is_superuser:  # their choices are every course, which no user's version follows
        return filterset.is_valid()
    digest = hashlib.sha1(request.GET.urlencode().encode()).hexdigest()
    # A lambda, not filterset.is_valid: taking the method would build the lazy filterset at once.
    return perm.kept_while_courses_unchanged(user, f"my-tasks-valid:{digest}", lambda: filterset.is_valid())


def _perms_by_course(user, course_ids: set[int]) -> dict[int, frozenset[str]]:
    """The user's codenames on each of ``course_ids``, in one query."""
    if user.is_superuser:
        return {c: ALL_COURSE_PERMISSIONS for c in course_ids}
    pairs = CourseUserObjectPermission.objects.filter(user=user, content_object_id__in=course_ids).values_list(
        "content_object_id", "permission__codename"
    )
    result: dict[int, set[str]] = {}
    for course_id, codename in pairs:
        result.setdefault(course_id, set()).add(codename)
    return {c: frozenset(p) for c, p in result.items()}
