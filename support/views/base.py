"""The shape every support page shares: a full page, sections htmx swaps in place, 400 with the form on error."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from accounts.http import AuthenticatedHttpRequest
from core.actions import ActionMixin
from core.confirm import Confirmation, confirmation_page
from support.permissions import SupportScope, support_scope
from teams.models import Institution, Partnership
from teams.permissions import CoursePermissionMixin
from teams.selectors import course_partnerships


class SupportPageView(CoursePermissionMixin, ActionMixin, TemplateView):
    """A support page: ``page_url_name`` is where a non-htmx POST returns; ``section_template`` what htmx swaps.

    Its actions run through ``core.actions.ActionMixin.run``.
    """

    request: AuthenticatedHttpRequest
    page_url_name = ""
    section_template = ""
    sub_nav = ""

    @cached_property
    def today(self):
        return timezone.localdate()

    @cached_property
    def scope(self) -> SupportScope:
        return support_scope(user=self.request.user, course=self.course, perms=self.course_perms)

    @cached_property
    def partnerships(self) -> list[Partnership]:
        return course_partnerships(course=self.course)

    def course_institution(self, pk: int) -> Institution:
        """One of this course's institutions, or 404 (an institution outside the course is not found here)."""
        for p in self.partnerships:
            if p.institution_id == pk:
                return p.institution
        return get_object_or_404(Institution, pk=pk, partnerships__course=self.course)

    def section_context(self, **extra: Any) -> dict[str, Any]:
        # Lazy: a cached section ({% cachedfragment %}) needs neither.
        return {
            "course": self.course,
            "course_perms": self.course_perms,
            "scope": SimpleLazyObject(lambda: self.scope),
            "today": self.today,
            "partnerships": SimpleLazyObject(lambda: self.partnerships),
            "sub_nav": self.sub_nav,
            **extra,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **self.section_context()}

    def page_url(self) -> str:
        return reverse(self.page_url_name, kwargs={"slug": self.course.slug})

    def success_url(self, result: Any) -> str:
        return self.page_url()

    def action_context(self, **extra: Any) -> dict[str, Any]:
        return self.section_context(**extra)

    def confirm(self, *, title: str, question: str, action: str, consequence: str = "") -> HttpResponse:
        """The confirmation page before a removal (core.confirm): it works without JavaScript."""
        confirmation = Confirmation(
            tab="support",
            title=title,
            question=question,
            consequence=consequence,
            action=action,
            back_url=self.page_url(),
        )
        return confirmation_page(self.request, {"course": self.course, "course_perms": self.course_perms}, confirmation)
