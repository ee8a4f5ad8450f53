"""What every quality page shares: the course permission check, and POST actions that re-render on error."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.actions import ActionMixin
from quality.permissions import can_keep_evaluation, can_view_evaluation
from teams.permissions import CoursePermissionMixin

ONLY_STAFF = _("Evaluation data is for the course leader, partner representatives and QA officers.")
ONLY_KEEPERS = _("Only the course leader or a QA officer keeps the evaluation procedure and the editions.")


class EvaluationViewerMixin:
    """After CoursePermissionMixin in the bases: the course's staff only (leader, partners, QA officers)."""

    course_perms: frozenset[str]  # set by CoursePermissionMixin

    def dispatch(self, request, *args: Any, **kwargs: Any):
        if not can_view_evaluation(self.course_perms):
            raise PermissionDenied(ONLY_STAFF)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: the view's follows


class EvaluationKeeperMixin:
    """After CoursePermissionMixin in the bases: the leader or a QA officer."""

    course_perms: frozenset[str]  # set by CoursePermissionMixin

    def dispatch(self, request, *args: Any, **kwargs: Any):
        if not can_keep_evaluation(self.course_perms):
            raise PermissionDenied(ONLY_KEEPERS)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: the view's follows


class PageActions(ActionMixin):
    """A page whose POST actions (``core.actions``) re-render the same page with the failing form and status 400."""

    def page_context(self, **forms: Any) -> dict[str, Any]:
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **self.page_context(**kwargs)}  # type: ignore[misc]  # the view's


class CoursePage(CoursePermissionMixin, PageActions, TemplateView):
    """A course page (members holding ``permission_required``)."""


class EvaluationPage(CoursePermissionMixin, EvaluationViewerMixin, PageActions, TemplateView):
    """A course page for the course's staff only."""


class EvaluationKeeperPage(CoursePermissionMixin, EvaluationKeeperMixin, PageActions, TemplateView):
    """A course page for the leader and QA officers only."""

    edits_course = True  # an archived course does not open this form (teams.archive)
