"""The shape every support page shares: a full page, sections htmx swaps in place, 400 with the form on error."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from core.errors import add_errors_to_form
from support import selectors
from support.permissions import SupportScope, support_scope
from teams.models import Institution, Partnership
from teams.permissions import CoursePermissionMixin


class SupportPageView(CoursePermissionMixin, TemplateView):
    """A support page: ``page_url_name`` is where a non-htmx POST returns; ``section_template`` what htmx swaps."""

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
        return selectors.course_partnerships(course=self.course)

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

    def respond(self, *, status: int = 200, message: str = "", warning: str = "", **extra: Any) -> HttpResponse:
        """After an action: the section (htmx) or a redirect to the page (200), or the form again (400)."""
        if status == 200 and not self.request.htmx:
            if message:
                messages.success(self.request, message)
            if warning:
                messages.warning(self.request, warning)
            return HttpResponseRedirect(self.page_url())
        context = self.section_context(
            section_message=message if status == 200 else "", section_warning=warning, **extra
        )
        template = self.section_template if self.request.htmx else self.template_name
        return render(self.request, template, context, status=status)

    def run(self, form, action, *, form_name: str = "form", message="", **extra: Any) -> HttpResponse:
        """Validate ``form``, call ``action(cleaned_data)``; a service's ValidationError lands on the form (400).

        ``action`` may return a warning to show beside the success message; ``message`` may be a callable
        when the action decides what to say.
        """
        if form.is_valid():
            try:
                warning = action(form.cleaned_data)
            except ValidationError as error:
                add_errors_to_form(form, error)  # BootstrapMixin.add_error marks the fields invalid
            else:
                text = message() if callable(message) else message
                return self.respond(message=text, warning=warning if isinstance(warning, str) else "")
        return self.respond(status=400, **{form_name: form}, **extra)
