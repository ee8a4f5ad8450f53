"""A person asks to be recorded at an institution; a link to an address on its domains confirms it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from core.errors import add_errors_to_form
from core.forms import BootstrapMixin
from teams import affiliations
from teams.models import Institution


class AffiliationRequestForm(BootstrapMixin, forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.filter(domains__isnull=False).distinct().order_by("name"),
        label=gettext_lazy("Institution"),
        help_text=gettext_lazy("Institutions that have recorded their e-mail domains here."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your address at that institution"),
        max_length=254,
        help_text=gettext_lazy("We send a confirmation link there; it must be on one of the institution's domains."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AffiliationRequestView(LoginRequiredMixin, FormView):
    """Ask to be recorded at an institution: a link goes to an address on its domains."""

    form_class = AffiliationRequestForm
    template_name = "teams/affiliation_request.html"

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

    template_name = "teams/affiliation_confirm.html"

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
