from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from accounts.forms import LoginForm, ProfileForm
from accounts.http import AuthenticatedHttpRequest


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class ProfileView(LoginRequiredMixin, UpdateView):
    """Name is the person's to change; affiliations are shown with how they were verified, and changed by request."""

    request: AuthenticatedHttpRequest
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # By label: accounts imports no domain app (teams.affiliations writes these).
        affiliation, role = apps.get_model("teams", "Affiliation"), apps.get_model("teams", "InstitutionRole")
        context["affiliations"] = affiliation.objects.filter(user=user).select_related("institution", "verified_by")
        context["institution_roles"] = role.objects.filter(user=user).select_related("institution")
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
