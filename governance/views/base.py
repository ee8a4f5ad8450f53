"""What every governance page shares: the course check, a sub-navigation, and POST actions that re-render."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from core.actions import ActionMixin
from governance.permissions import ONLY_STAFF, can_view_agreement
from teams.permissions import CoursePermissionMixin


class GovernancePage(CoursePermissionMixin, ActionMixin, TemplateView):
    """A course page of the governance app; its POST actions go through core's action runner, which re-renders
    the page with the failing form (and status 400) from ``get_context_data(**{form_name: form})``."""

    section = ""

    def page_context(self, **forms: Any) -> dict[str, Any]:
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.page_context(**kwargs))
        context["governance_section"] = self.section
        context["sees_agreement"] = can_view_agreement(self.course_perms)
        return context


def require_agreement_viewer(perms: frozenset[str]) -> None:
    """The consortium agreement's pages are for the course's staff (403 for others on the course)."""
    if not can_view_agreement(perms):
        raise PermissionDenied(ONLY_STAFF)
