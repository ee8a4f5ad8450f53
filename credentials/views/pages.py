"""The micro-credential profile pages: read by every member, kept by the leader (``edit_profile``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.confirm import Confirmation, confirmation_page
from core.errors import add_errors_to_form
from credentials import selectors, services
from credentials.derive import grading_text
from credentials.forms import AwardingForm, OutcomeForm, ProfileForm
from credentials.models import CredentialProfile, LearningOutcome
from teams import permissions as perm
from teams.permissions import CoursePermissionMixin

if TYPE_CHECKING:
    from quality.models import Decision

TAB = "credential"


def _profile_url(course, anchor: str = "") -> str:
    return reverse("credentials:profile", args=[course.slug]) + anchor


class ProfileView(CoursePermissionMixin, TemplateView):
    """Every element of Annex I, where it comes from, what is missing, and the downloads."""

    template_name = "credentials/profile.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        state = selectors.profile_state(course=self.course)
        context["state"] = state
        context["grading"] = grading_text(state.rules)
        context["can_edit"] = perm.EDIT_PROFILE in self.course_perms
        if context["can_edit"]:
            context.setdefault("outcome_form", OutcomeForm(course=self.course, primary=state.profile.primary_language))
            context.setdefault("awarding_form", AwardingForm(initial={"mode": state.profile.awarding_mode}))
        return context


class ProfileEditView(CoursePermissionMixin, TemplateView):
    permission_required = perm.EDIT_PROFILE
    template_name = "credentials/profile_form.html"

    def profile(self) -> CredentialProfile:
        return CredentialProfile.objects.filter(course=self.course).first() or CredentialProfile(course=self.course)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ProfileForm(instance=self.profile(), course=self.course))
        context["state"] = selectors.profile_state(course=self.course)
        return context

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ProfileForm(request.POST, instance=self.profile(), course=self.course)
        if form.is_valid():
            try:
                services.profile_update(actor=request.user, course=self.course, **form.service_data())
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("Micro-credential profile saved."))
                return HttpResponseRedirect(_profile_url(self.course))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OutcomeAddView(ProfileView):
    permission_required = perm.EDIT_PROFILE

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        primary = getattr(getattr(self.course, "credential_profile", None), "primary_language", "en")
        form = OutcomeForm(request.POST, course=self.course, primary=primary)
        if form.is_valid():
            try:
                services.outcome_add(actor=request.user, course=self.course, **form.service_data())
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("Learning outcome added."))
                return HttpResponseRedirect(_profile_url(self.course, "#outcomes"))
        return self.render_to_response(self.get_context_data(outcome_form=form), status=400)

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(_profile_url(self.course, "#outcomes"))


class OutcomeMixin(CoursePermissionMixin):
    kwargs: dict[str, Any]
    permission_required = perm.EDIT_PROFILE

    def outcome(self) -> LearningOutcome:
        """Another course's outcome is a 404, as an unknown one."""
        return get_object_or_404(
            LearningOutcome.objects.select_related("profile"), pk=self.kwargs["pk"], profile__course=self.course
        )


class OutcomeEditView(OutcomeMixin, TemplateView):
    template_name = "credentials/outcome_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        outcome = context.setdefault("outcome", self.outcome())
        context.setdefault(
            "form",
            OutcomeForm(
                initial=OutcomeForm.initial_for(outcome), course=self.course, primary=outcome.profile.primary_language
            ),
        )
        return context

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        outcome = self.outcome()
        outcome.profile.course = self.course
        form = OutcomeForm(request.POST, course=self.course, primary=outcome.profile.primary_language)
        if form.is_valid():
            try:
                services.outcome_update(actor=request.user, outcome=outcome, **form.service_data())
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("Learning outcome saved."))
                return HttpResponseRedirect(_profile_url(self.course, "#outcomes"))
        return self.render_to_response(self.get_context_data(form=form, outcome=outcome), status=400)


class OutcomeDeleteView(OutcomeMixin, View):
    def confirmation(self, outcome: LearningOutcome) -> Confirmation:
        return Confirmation(
            tab=TAB,
            title=_("Delete the learning outcome “%(text)s”") % {"text": outcome.text[:80]},
            question=_("The learning outcome goes from the profile and from every export made after this."),
            action=_("Delete learning outcome"),
            back_url=_profile_url(self.course, "#outcomes"),
        )

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        context = {"course": self.course, "course_perms": self.course_perms}
        return confirmation_page(request, context, self.confirmation(self.outcome()))

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        services.outcome_delete(actor=request.user, outcome=self.outcome())
        messages.success(request, _("Learning outcome deleted."))
        return HttpResponseRedirect(_profile_url(self.course, "#outcomes"))


class OutcomeMoveView(OutcomeMixin, View):
    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        direction = request.POST.get("direction")
        if direction not in ("up", "down"):
            return HttpResponseBadRequest(_("Move a learning outcome up or down."))
        services.outcome_move(actor=request.user, outcome=self.outcome(), up=direction == "up")
        return HttpResponseRedirect(_profile_url(self.course, "#outcomes"))


class AwardingProposeView(ProfileView):
    permission_required = perm.EDIT_PROFILE

    def post(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AwardingForm(request.POST)
        if form.is_valid():
            try:
                profile = services.awarding_propose(
                    actor=request.user, course=self.course, mode=form.cleaned_data["mode"]
                )
            except ValidationError as error:
                add_errors_to_form(form, error)
            else:
                messages.success(request, _("Proposed to the team: each institution now records its position."))
                return HttpResponseRedirect(cast("Decision", profile.awarding_decision).get_absolute_url())
        return self.render_to_response(self.get_context_data(awarding_form=form), status=400)

    def get(self, request, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(_profile_url(self.course, "#awarding"))
