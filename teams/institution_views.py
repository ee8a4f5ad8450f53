"""An institution's page for its coordinators (and admins): its identifiers, its verified staff, their roles.

Coordinators give colleagues the right to start courses or keep the support-service contacts, and withdraw it.
Anyone else gets a 403 that says who can.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from teams import affiliations
from teams.affiliation_models import STAFF_KINDS
from teams.models import Affiliation, Institution, InstitutionRole

ONLY_COORDINATORS = gettext_lazy(
    "Only an administrator or a coordinator of %(institution)s can manage its staff roles."
)
GRANTABLE = [
    (InstitutionRole.Role.COURSE_STARTER.value, InstitutionRole.Role.COURSE_STARTER.label),
    (InstitutionRole.Role.CONTACT_KEEPER.value, InstitutionRole.Role.CONTACT_KEEPER.label),
]


class RoleGrantForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none(), label=gettext_lazy("Staff member"))
    role = forms.ChoiceField(choices=GRANTABLE, label=gettext_lazy("Role"))

    def __init__(self, *args, institution: Institution, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["user"]).queryset = User.objects.filter(
            affiliations__institution=institution, affiliations__kind__in=STAFF_KINDS
        )
        self.fields["user"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["role"].widget.attrs["class"] = "form-select form-select-sm"


def institution_staff(*, institution: Institution) -> list[dict[str, Any]]:
    """The institution's verified staff, each with their roles (two queries, however many people)."""
    roles: dict[int, list[InstitutionRole]] = {}
    for grant in InstitutionRole.objects.filter(institution=institution).select_related("granted_by"):
        roles.setdefault(grant.user_id, []).append(grant)
    rows = Affiliation.objects.filter(institution=institution, kind__in=STAFF_KINDS).select_related(
        "user", "verified_by"
    )
    return [{"affiliation": a, "roles": roles.get(a.user_id, [])} for a in rows.order_by("user__last_name")]


class InstitutionStaffView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "teams/institution_staff.html"

    def setup_institution(self, pk: int) -> Institution:
        institution = get_object_or_404(Institution, pk=pk)
        user = self.request.user
        if not (user.is_superuser or affiliations.is_coordinator(user, institution)):
            raise PermissionDenied(ONLY_COORDINATORS % {"institution": institution})
        return institution

    def render_page(self, institution: Institution, form: RoleGrantForm, status: int = 200):
        context = {
            "institution": institution,
            "domains": list(institution.domains.all()),
            "staff": institution_staff(institution=institution),
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        institution = self.setup_institution(pk)
        return self.render_page(institution, RoleGrantForm(institution=institution))

    def post(self, request, pk: int):
        institution = self.setup_institution(pk)
        form = RoleGrantForm(request.POST, institution=institution)
        if form.is_valid():
            try:
                affiliations.institution_role_grant(actor=request.user, institution=institution, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Role granted."))
                return HttpResponseRedirect(reverse("teams:institution_staff", args=[institution.pk]))
        return self.render_page(institution, form, status=400)


class InstitutionRoleRevokeView(InstitutionStaffView):
    def get(self, request, pk: int, grant_pk: int):  # type: ignore[override]  # its URL has one more argument
        return HttpResponseRedirect(reverse("teams:institution_staff", args=[pk]))

    def post(self, request, pk: int, grant_pk: int):  # type: ignore[override]  # its URL has one more argument
        institution = self.setup_institution(pk)
        grant = get_object_or_404(InstitutionRole, pk=grant_pk, institution=institution)
        affiliations.institution_role_revoke(actor=request.user, grant=grant)
        messages.success(request, _("Role withdrawn."))
        return HttpResponseRedirect(reverse("teams:institution_staff", args=[institution.pk]))
