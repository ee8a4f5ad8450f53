"""Personal access tokens on the profile page: create (the token is shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from api import services
from api.forms import TokenForm
from api.models import Token


class TokenCreateView(LoginRequiredMixin, View):
    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, plaintext = services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    scope=form.cleaned_data["scope"],
                    expires_at=form.expires_at(),
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error("expires_on" if field == "expires_at" else field, errors)
            else:
                response = render(request, "api/token_created.html", {"token": token, "plaintext": plaintext})
                response["Cache-Control"] = "no-store"  # the secret must not stay in any cache
                return response
        return render(request, "api/token_form_page.html", {"token_form": form}, status=400)


class TokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        token = Token.objects.filter(pk=pk, user=request.user).first()
        if token is None:  # someone else's token is not there, as far as this person can tell
            raise Http404("No token found.")
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return HttpResponseRedirect(reverse("accounts:profile") + "#api-tokens")
