"""E-mail settings (time zone, how one hears of each kind) and the one-click unsubscribe of every e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from accounts.http import AuthenticatedHttpRequest
from digests import services
from digests.forms import NoticeSettingsForm
from digests.mail import read_unsubscribe_token
from digests.models import Mode
from digests.selectors import modes_of, time_zone_of
from reminders.registry import KIND_LABELS

TOKEN_MAX = 500


class NoticeSettingsView(LoginRequiredMixin, View):
    request: AuthenticatedHttpRequest
    template_name = "digests/settings.html"

    def form(self, data=None) -> NoticeSettingsForm:
        user = self.request.user
        return NoticeSettingsForm(data, modes=modes_of(user), initial={"time_zone": time_zone_of(user)})

    def get(self, request):
        return render(request, self.template_name, {"form": self.form()})

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.notice_settings_save(
                    user=request.user, time_zone=form.cleaned_data["time_zone"], modes=form.modes()
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your e-mail settings are saved."))
                return HttpResponseRedirect(reverse("digests:settings"))
        return render(request, self.template_name, {"form": form}, status=400)


@method_decorator(csrf_exempt, name="dispatch")  # RFC 8058: mail clients POST without a session; the token signs
class UnsubscribeView(View):
    """GET: a page that says what the link stops, with a button. POST: stop it (one click, RFC 8058)."""

    template_name = "digests/unsubscribe.html"

    def target(self, token: str) -> tuple[int, str]:
        found = read_unsubscribe_token(token) if len(token) <= TOKEN_MAX else None
        if found is None:
            raise Http404(_("This unsubscribe link is not valid."))
        return found

    def label(self, kind: str) -> str:
        if kind == "digest:daily":
            return str(Mode.DAILY.label)
        if kind == "digest:weekly":
            return str(Mode.WEEKLY.label)
        return str(KIND_LABELS.get(kind, kind))

    def get(self, request, token: str):
        _user_id, kind = self.target(token)
        return render(request, self.template_name, {"label": self.label(kind), "done": False})

    def post(self, request, token: str):
        user_id, kind = self.target(token)
        try:
            services.notice_unsubscribe(user_id=user_id, kind=kind)
        except ValidationError as exc:
            raise Http404(_("This unsubscribe link is not valid.")) from exc
        return render(request, self.template_name, {"label": self.label(kind), "done": True})
