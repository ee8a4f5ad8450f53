"""Milestones and tasks: added on the phase page, edited and deleted on pages of their own, by those who plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.http import AuthenticatedHttpRequest
from core.actions import ActionMixin
from core.confirm import Confirmation, confirmation_page
from phases.forms import MilestoneForm, TaskForm
from phases.models import Milestone, Task
from phases.services.work import milestone_create, milestone_delete, milestone_update, task_create, task_update
from phases.views.phase import PhaseActionView
from teams import permissions as perm
from teams.permissions import CoursePermissionMixin


class MilestoneCreateView(PhaseActionView):
    section = "milestones"

    def post(self, request, *args, **kwargs):
        self.phase = phase = self.get_phase()
        return self.run(
            MilestoneForm(request.POST, course=self.course),
            lambda data: milestone_create(actor=request.user, phase=phase, **data),
            form_name="milestone_form",
            message=lambda milestone: gettext("Milestone “%(title)s” added.") % {"title": milestone.title},
        )


class TaskCreateView(PhaseActionView):
    section = "tasks"

    def post(self, request, *args, **kwargs):
        self.phase = phase = self.get_phase()
        return self.run(
            TaskForm(request.POST, course=self.course),
            lambda data: task_create(actor=request.user, phase=phase, **data),
            form_name="task_form",
            message=lambda task: gettext("Task “%(title)s” added.") % {"title": task.title},
        )


class EditView(CoursePermissionMixin, ActionMixin, TemplateView):
    """Edit one milestone or task on a page of its own; back to its phase once saved."""

    permission_required = perm.PLAN_PHASES
    template_name = "phases/edit.html"
    kind = ""
    saved_message: Any = ""
    form_class: type[MilestoneForm] | type[TaskForm]

    def get_object(self) -> Milestone | Task:
        raise NotImplementedError

    def save(self, obj: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def action_context(self, **extra: Any) -> dict[str, Any]:
        obj = self.get_object()  # afresh: a failed form has changed the instance it was given
        return self.get_context_data(obj=obj, phase=obj.phase, kind=self.kind, **extra)

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.form_class(instance=obj, course=self.course)
        return self.render_to_response(self.get_context_data(form=form, obj=obj, phase=obj.phase, kind=self.kind))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.run(
            self.form_class(request.POST, instance=obj, course=self.course),
            lambda data: self.save(obj, data),
            message=lambda saved: self.saved_message % {"title": saved.title},
            redirect_to=obj.phase.get_absolute_url(),
        )


class MilestoneEditView(EditView):
    request: AuthenticatedHttpRequest
    kind = "milestone"
    saved_message = _("Milestone “%(title)s” saved.")
    form_class = MilestoneForm

    def get_object(self) -> Milestone:
        return get_object_or_404(
            Milestone.objects.select_related("phase__course"), pk=self.kwargs["pk"], phase__course=self.course
        )

    def save(self, obj: Milestone, data: dict[str, Any]) -> Milestone:
        return milestone_update(actor=self.request.user, milestone=obj, **data)


class TaskEditView(EditView):
    request: AuthenticatedHttpRequest
    kind = "task"
    saved_message = _("Task “%(title)s” saved.")
    form_class = TaskForm

    def get_object(self) -> Task:
        return get_object_or_404(
            Task.objects.select_related("phase__course"), pk=self.kwargs["pk"], phase__course=self.course
        )

    def save(self, obj: Task, data: dict[str, Any]) -> Task:
        return task_update(actor=self.request.user, task=obj, **data)


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
            title=gettext("Delete the milestone “%(title)s”") % {"title": milestone.title},
            question=gettext("“%(title)s”, due on %(date)s, will be deleted from %(phase)s.")
            % {
                "title": milestone.title,
                "date": date_format(milestone.due_on, "j M Y"),
                "phase": milestone.phase.kind_in_sentence,
            },
            consequence=gettext("Reminders of it that have not been sent yet are withdrawn."),
            action=gettext("Delete milestone"),
            back_url=milestone.phase.get_absolute_url(),
        )
        return confirmation_page(request, self.get_context_data(), confirmation)

    def post(self, request, *args, **kwargs) -> HttpResponse:
        milestone = self.get_object()
        milestone_delete(actor=request.user, milestone=milestone)
        messages.success(request, gettext("Milestone “%(title)s” deleted.") % {"title": milestone.title})
        return HttpResponseRedirect(milestone.phase.get_absolute_url())
