"""The team foundation (chapter 002): what the team is built on (research relationships, shared networks...), on the team page."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from teams import services
from teams.forms import FoundationForm
from teams.models import TeamFoundation
from teams.views import TeamActionView


class FoundationAddView(TeamActionView):
    section = "foundation"

    def post(self, request, *args, **kwargs):
        return self.run(
            FoundationForm(request.POST),
            lambda data: services.foundation_add(actor=request.user, course=self.course, **data),
            form_name="foundation_form",
            message=_("Foundation recorded."),
        )


class FoundationRemoveView(TeamActionView):
    section = "foundation"

    def post(self, request, *args, **kwargs):
        foundation = get_object_or_404(TeamFoundation, pk=kwargs["pk"], course=self.course)
        return self.run(
            None,
            lambda: services.foundation_remove(actor=request.user, foundation=foundation),
            message=_("Foundation entry removed."),
        )
