"""The home page: "What needs me" across all of the person's courses, with their courses beside it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.http import AuthenticatedHttpRequest
from attention.items import DUE, LATE, WAITING
from attention.selectors import needs_for_person
from teams import selectors as team_selectors
from teams.models import Membership


class HomeView(LoginRequiredMixin, TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "attention/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        items = needs_for_person(user=self.request.user, today=today)
        context.update(
            today=today,
            groups=[(state, [i for i in items if i.state == state]) for state in (LATE, DUE, WAITING)],
            item_count=len(items),
            courses=list(team_selectors.course_list_for_user(user=self.request.user).prefetch_related(None)),
            role_labels=dict(Membership.Role.choices),
        )
        return context
