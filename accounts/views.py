from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, UpdateView

from accounts.forms import AffiliationRequestForm, LoginForm, ProfileForm
from core.errors import add_errors_to_form
from teams import affiliations
from teams.models import Affiliation, InstitutionRole


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class ProfileView(LoginRequiredMixin, UpdateView):
    """Name is the person's to change; affiliations are shown with how they were verified, and changed by request."""

    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["affiliations"] = Affiliation.objects.filter(user=user).select_related("institution", "verified_by")
        context["institution_roles"] = InstitutionRole.objects.filter(user=user).select_related("institution")
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AffiliationRequestView(LoginRequiredMixin, FormView):
    """Ask to be recorded at an institution: a link goes to an address on its domains."""

    form_class = AffiliationRequestForm
    template_name = "accounts/affiliation_request.html"

    def form_valid(self, form):
        try:
            request = affiliations.affiliation_request_create(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("We sent a confirmation link to %(email)s. Open it while signed in to confirm.")
            % {"email": request.email},
        )
        return HttpResponseRedirect(reverse("accounts:profile"))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AffiliationConfirmView(LoginRequiredMixin, View):
    """The link from the e-mail: a page with a button (so that mail scanners opening links confirm nothing)."""

    template_name = "accounts/affiliation_confirm.html"

    def get(self, request, token: str):
        try:
            pending = affiliations.affiliation_request_for_token(user=request.user, token=token)
        except ValidationError as error:
            return render(request, self.template_name, {"error": error.messages[0]}, status=400)
        return render(request, self.template_name, {"pending": pending})

    def post(self, request, token: str):
        try:
            affiliation = affiliations.affiliation_request_confirm(user=request.user, token=token)
        except ValidationError as error:
            return render(request, self.template_name, {"error": error.messages[0]}, status=400)
        messages.success(
            request,
            _("Your affiliation with %(institution)s is confirmed.") % {"institution": affiliation.institution.name},
        )
        return HttpResponseRedirect(reverse("accounts:profile"))
