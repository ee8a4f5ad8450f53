"""One task's row, swapped in place by htmx: log work, change status, delete; pages of their own without JS."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.views import View

from accounts.http import AuthenticatedHttpRequest
from core.actions import ActionMixin
from core.confirm import Confirmation, confirmation_page
from phases import permissions as rules
from phases import selectors
from phases.forms import TaskStatusForm, WorkLogForm
from phases.models import Task
from phases.services.common import format_hours
from phases.services.task_row import ONLY_ASSIGNEES_LOG, task_set_status, work_log_create
from phases.services.work import task_delete, task_delete_refusal
from teams import permissions as perm
from teams.permissions import CoursePermissionMixin


def set_actions(task: Task, user, perms: frozenset[str]) -> None:
    """Mark what ``user`` may do on ``task``'s row, for the template."""
    task.can_log = rules.can_log_work(user=user, perms=perms, task=task)  # type: ignore[attr-defined]  # for the template
    task.can_set_status = rules.can_set_status(user=user, perms=perms, task=task)  # type: ignore[attr-defined]  # for the template
    task.can_edit = rules.can_edit_task(perms=perms)  # type: ignore[attr-defined]  # for the template


def back_url(request, task: Task) -> str:
    """Where a row's action returns without htmx: My tasks, or the task's phase."""
    if request.POST.get("layout") == "mine":
        return reverse("phases:my_tasks")
    return task.phase.get_absolute_url()


class TaskRowView(CoursePermissionMixin, View):
    """GET: the task's row (htmx "Cancel"). Subclasses handle the row's forms."""

    request: AuthenticatedHttpRequest

    def get_task(self) -> Task:
        task = selectors.task_for_user(
            course=self.course, pk=self.kwargs["pk"], user=self.request.user, perms=self.course_perms
        )
        if task is None:
            raise Http404("No task found.")
        set_actions(task, self.request.user, self.course_perms)
        return task

    def layout(self) -> str:
        return "mine" if (self.request.POST or self.request.GET).get("layout") == "mine" else "phase"

    def row_context(
        self, task: Task, *, log_form=None, message: str = "", confirm_delete: bool = False, delete_refusal: str = ""
    ) -> dict[str, Any]:
        return {
            "task": task,
            "course": self.course,
            "layout": self.layout(),
            "log_form": log_form,
            "row_message": message,
            "confirm_delete": confirm_delete,
            "delete_refusal": delete_refusal,
            "today": timezone.localdate(),
        }

    def row(self, task: Task, *, status: int = 200, **row: Any) -> HttpResponse:
        return render(self.request, "phases/_task.html", self.row_context(task, **row), status=status)

    def get(self, request, *args, **kwargs):
        return self.row(self.get_task())


class WorkLogCreateView(ActionMixin, TaskRowView):
    """Log work on a task: inline under the row with htmx, on a page of its own otherwise."""

    request: AuthenticatedHttpRequest
    permission_required = perm.LOG_WORK
    template_name = "phases/work_log_page.html"
    section_template = "phases/_task.html"

    def get_task(self) -> Task:
        task = super().get_task()
        if not task.can_log:  # type: ignore[attr-defined]  # set by mark_row
            raise PermissionDenied(ONLY_ASSIGNEES_LOG)
        return task

    def get(self, request, *args, **kwargs):
        self.task = self.get_task()
        form = WorkLogForm(task=self.task, initial={"date": timezone.localdate()})
        if request.htmx:
            return self.row(self.task, log_form=form)
        return render(request, self.template_name, self.action_context(form=form))

    def post(self, request, *args, **kwargs):
        self.task = task = self.get_task()
        return self.run(
            WorkLogForm(request.POST, task=task),
            lambda data: work_log_create(actor=request.user, task=task, **data),
            message=self.logged,
            redirect_to=back_url(request, task),
        )

    def logged(self, log) -> str:
        values = {"hours": format_hours(log.hours), "date": date_format(log.date, "j M Y"), "title": self.task.title}
        if self.request.htmx:
            return gettext("Logged %(hours)s h on %(date)s.") % values
        return gettext("Logged %(hours)s h on %(date)s. (%(title)s)") % values

    def action_context(self, **extra: Any) -> dict[str, Any]:
        if not self.swaps_section():
            context = {"task": self.task, "course": self.course, "course_perms": self.course_perms}
            return {**context, "form": extra.get("form"), "layout": self.layout()}
        if "form" in extra:  # the form again, under the row as it was
            return self.row_context(self.task, log_form=extra["form"])
        # Logged: the row afresh, with the hours now logged.
        return self.row_context(self.get_task(), message=extra.get("section_message", ""))


class TaskStatusView(TaskRowView):
    def post(self, request, *args, **kwargs):
        task = self.get_task()
        if not task.can_set_status:
            raise PermissionDenied(gettext("Only the task's assignees and the course leader change its status."))
        form = TaskStatusForm(request.POST, task=task)
        if not form.is_valid():
            return self.row(task, message=gettext("Choose one of the statuses."), status=400)
        task_set_status(actor=request.user, task=task, status=form.cleaned_data["status"])
        if not request.htmx:
            return HttpResponseRedirect(back_url(request, task))
        task = self.get_task()
        return self.row(task, message=gettext("Status set to “%(status)s”.") % {"status": task.get_status_display()})


class TaskDeleteView(TaskRowView):
    """Delete a task, for those who plan: GET asks first (inline under the row with htmx, a page otherwise)."""

    request: AuthenticatedHttpRequest
    permission_required = perm.PLAN_PHASES

    def confirm(self, task: Task, refusal: str, status: int = 200) -> HttpResponse:
        if self.request.htmx:
            return self.row(task, confirm_delete=True, delete_refusal=refusal, status=status)
        layout = self.layout()
        confirmation = Confirmation(
            tab="timeline",
            title=gettext("Delete the task “%(title)s”") % {"title": task.title},
            question=gettext("“%(title)s” will be deleted from %(phase)s, and its assignees will no longer see it.")
            % {"title": task.title, "phase": task.phase.kind_in_sentence},
            consequence=gettext("Reminders of it that have not been sent yet are withdrawn."),
            action=gettext("Delete task"),
            back_url=reverse("phases:my_tasks") if layout == "mine" else task.phase.get_absolute_url(),
            refusal=refusal,
            hidden={"layout": layout},
        )
        context = {"course": self.course, "course_perms": self.course_perms}
        return confirmation_page(self.request, context, confirmation, status=status)

    def get(self, request, *args, **kwargs):
        task = self.get_task()
        return self.confirm(task, task_delete_refusal(task=task, hours_logged=task.hours_logged))

    def post(self, request, *args, **kwargs):
        task = self.get_task()
        try:
            task_delete(actor=request.user, task=task)
        except ValidationError as error:
            return self.confirm(task, " ".join(error.messages), status=400)
        message = gettext("Task “%(title)s” deleted.") % {"title": task.title}
        if request.htmx:
            context = {"pk": task.pk, "message": message, "layout": self.layout()}
            return render(request, "phases/_task_deleted.html", context)
        messages.success(request, message)
        return HttpResponseRedirect(back_url(request, task))
