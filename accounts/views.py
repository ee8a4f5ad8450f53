from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView
from django.views.i18n import set_language as django_set_language

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


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language picker: Django's ``set_language`` (cookie, safe redirect to ``next``), and for a signed-in
    person the choice is also saved as their preferred language, so their other devices and their e-mails follow.
    """
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response
