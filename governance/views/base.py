"""What every governance page shares: the course check, a sub-navigation, and POST actions that re-render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.views.generic import TemplateView

from core.errors import add_errors_to_form
from governance.permissions import ONLY_STAFF, can_view_agreement
from teams.permissions import CoursePermissionMixin


class GovernancePage(CoursePermissionMixin, TemplateView):
    """A course page of the governance app; POST actions re-render it with the failing form and status 400."""

    section = ""

    def page_context(self, **forms: Any) -> dict[str, Any]:
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.page_context(**kwargs))
        context["governance_section"] = self.section
        context["sees_agreement"] = can_view_agreement(self.course_perms)
        return context

    def invalid(self, **forms: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def run(self, *, form_name: str, form, action, success: str, redirect_to) -> HttpResponse:
        """Validate ``form`` and call ``action(cleaned_data)``; errors land at the form's fields (400)."""
        if form.is_valid():
            try:
                result = action(form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(self.request, success)
                return HttpResponseRedirect(redirect_to(result) if callable(redirect_to) else redirect_to)
        return self.invalid(**{form_name: form})

    def run_plain(self, *, action, success: str, redirect_to) -> HttpResponse:
        """A button without fields: a refusal re-renders the page with its message (400)."""
        try:
            result = action()
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return self.invalid()
        messages.success(self.request, success)
        return HttpResponseRedirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def require_agreement_viewer(perms: frozenset[str]) -> None:
    """The consortium agreement's pages are for the course's staff (403 for others on the course)."""
    if not can_view_agreement(perms):
        raise PermissionDenied(ONLY_STAFF)
