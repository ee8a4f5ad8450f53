"""The leader hands over leadership (an admin may too): one form, one service call."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from core.errors import add_errors_to_form
from core.forms import BootstrapMixin
from teams import permissions as perm
from teams.leadership import FORMER_ROLES, leadership_hand_over
from teams.models import Membership
from teams.permissions import CoursePermissionMixin

LEAVE = "leave"
# Whole phrases per role: a role's name lowercased inside "stays as %(role)s" is wrong in German.
STAYS_AS = {Membership.Role.QA_OFFICER: gettext_lazy("stays as QA officer")}


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.display_name} ({obj.get_role_display()})"


class HandoverForm(BootstrapMixin, forms.Form):
    to = MemberChoice(queryset=Membership.objects.none(), label=gettext_lazy("New course leader"))
    former_role = forms.ChoiceField(label=gettext_lazy("The former leader then"))

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = (
            Membership.objects.filter(course=course, institution=course.lead_institution)
            .exclude(role__in=[Membership.Role.LEADER, Membership.Role.STAKEHOLDER])
            .select_related("user")
            .order_by("user__last_name")
        )
        stays = [(r.value, STAYS_AS[r]) for r in FORMER_ROLES]
        self.fields["former_role"].choices = [*stays, (LEAVE, _("leaves the team"))]


class LeadershipHandoverView(CoursePermissionMixin, FormView):
    """Only the leader holds MANAGE_TEAM and the service checks it is the leader (or an admin) who hands over."""

    permission_required = perm.MANAGE_TEAM
    template_name = "teams/leadership.html"
    form_class = HandoverForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "course": self.course}

    def form_valid(self, form):
        former_role = form.cleaned_data["former_role"]
        try:
            new = leadership_hand_over(
                actor=self.request.user,
                course=self.course,
                to=form.cleaned_data["to"],
                former_role=None if former_role == LEAVE else former_role,
            )
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(person)s now leads the course.") % {"person": new.user.display_name})
        return HttpResponseRedirect(reverse("teams:course_detail", kwargs={"slug": self.course.slug}))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
