"""Archiving and restoring a course: a confirmation page, then one service call (teams.archive)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import View

from core.confirm import Confirmation, confirmation_page
from teams.archive import ONLY_LEADER, course_archive, course_unarchive, may_archive
from teams.permissions import CoursePermissionMixin

if TYPE_CHECKING:
    from accounts.models import User


class CourseArchiveStep(CoursePermissionMixin, View):
    """GET: what archiving (or restoring) means, or why this person cannot; POST: do it. Members who may not are
    told so (403); another course's people get a 404 from the mixin."""

    open_when_archived = True  # restoring changes an archived course
    restoring = False

    def confirmation(self, refusal: str = "") -> Confirmation:
        title = self.course.title
        if self.restoring:
            return Confirmation(
                tab="overview",
                title=_("Restore “%(course)s”") % {"course": title},
                question=_("The course opens to changes again: its team can log work, plan and decide as before."),
                consequence=_("Reminders of what is due start again with the next reminder sweep."),
                action=_("Restore course"),
                back_url=self.course.get_absolute_url(),
                refusal=refusal,
            )
        return Confirmation(
            tab="overview",
            title=_("Archive “%(course)s”") % {"course": title},
            question=_(
                "The course stays readable to its team (history, exports, work logs), but nothing in it can be "
                "changed until it is restored. It moves to the “Archived” list of My courses."
            ),
            consequence=_(
                "No reminders, digests or webhooks are sent about it; reminders not yet sent are withdrawn. "
                "Nothing is deleted: the course leader or an admin can restore it."
            ),
            action=_("Archive course"),
            back_url=self.course.get_absolute_url(),
            refusal=refusal,
        )

    def refusal(self) -> str:
        if self.restoring and not self.course.is_archived:
            return _("“%(course)s” is not archived.") % {"course": self.course.title}
        if not self.restoring and self.course.is_archived:
            return _("“%(course)s” is archived already.") % {"course": self.course.title}
        return ""

    def page(self, refusal: str = "", status: int = 200) -> HttpResponse:
        context = {"course": self.course, "course_perms": self.course_perms}
        return confirmation_page(self.request, context, self.confirmation(refusal), status=status)

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = cast("User", request.user)  # signed in: the mixin sent anyone else to the login page
        if not may_archive(user=user, course=self.course):
            return self.page(str(ONLY_LEADER), status=403)
        return self.page(self.refusal())

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = cast("User", request.user)
        if not may_archive(user=user, course=self.course):
            return self.page(str(ONLY_LEADER), status=403)
        service = course_unarchive if self.restoring else course_archive
        try:
            course = service(actor=user, course=self.course)
        except ValidationError as error:
            return self.page(" ".join(error.messages), status=400)
        if self.restoring:
            messages.success(
                request, _("“%(course)s” is restored: it can be changed again.") % {"course": course.title}
            )
        else:
            messages.success(
                request, _("“%(course)s” is archived: it can be read, not changed.") % {"course": course.title}
            )
        return HttpResponseRedirect(course.get_absolute_url())


class CourseArchiveView(CourseArchiveStep):
    restoring = False


class CourseRestoreView(CourseArchiveStep):
    restoring = True
