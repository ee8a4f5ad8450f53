"""The joint task force: the course's expert group of support-service representatives."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from support import selectors
from support.forms import TaskForceMemberForm
from support.models import TaskForceMember
from support.permissions import require_manage
from support.services.task_force import task_force_member_add, task_force_member_remove
from support.views.base import SupportPageView
from teams import permissions as perm


class TaskForceView(SupportPageView):
    template_name = "support/task_force.html"
    section_template = "support/_task_force.html"
    page_url_name = "support:task_force"
    sub_nav = "task_force"

    def section_context(self, **extra: Any) -> dict[str, Any]:
        extra.setdefault(
            "task_force_form",
            TaskForceMemberForm(
                institutions=[p.institution for p in self.partnerships if self.scope.may_manage(p.institution_id)]
            ),
        )
        return super().section_context(
            groups=selectors.task_force(course=self.course, partnerships=self.partnerships), **extra
        )


class TaskForceAddView(TaskForceView):
    permission_required = perm.MANAGE_SUPPORT

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.page_url())

    def post(self, request, *args, **kwargs):
        form = TaskForceMemberForm(request.POST, institutions=[p.institution for p in self.partnerships])
        if form.is_valid():
            require_manage(self.scope, form.cleaned_data["institution"])

        def add(data: dict[str, Any]) -> None:
            task_force_member_add(actor=request.user, course=self.course, **data)

        email = form.cleaned_data.get("email", "") if form.is_valid() else ""
        return self.run(
            form,
            add,
            form_name="task_force_form",
            message=gettext("%(email)s joined the joint task force.") % {"email": email},
        )


class TaskForceRemoveView(TaskForceView):
    """GET asks on a page of its own; POST removes."""

    edits_course = True  # an archived course does not open this form (teams.archive)

    permission_required = perm.MANAGE_SUPPORT

    def get_member(self) -> TaskForceMember:
        member = get_object_or_404(
            TaskForceMember.objects.select_related("user", "institution", "course"),
            pk=self.kwargs["pk"],
            course=self.course,
        )
        require_manage(self.scope, member.institution)
        return member

    def get(self, request, *args, **kwargs):
        member = self.get_member()
        return self.confirm(
            title=gettext("Remove %(name)s from the joint task force") % {"name": member.user},
            question=gettext("%(name)s (%(service)s, %(institution)s) will leave the joint task force.")
            % {"name": member.user, "service": member.get_kind_display(), "institution": member.institution},
            action=gettext("Remove from the task force"),
        )

    def post(self, request, *args, **kwargs):
        member = self.get_member()
        task_force_member_remove(actor=request.user, member=member)
        return self.respond(message=gettext("%(name)s left the joint task force.") % {"name": member.user})
