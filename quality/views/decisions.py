"""Decisions by consent: the list with a proposal form, and one decision with positions and versions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.http import AuthenticatedHttpRequest
from quality.forms import ConsentForm, DecisionForm, ReviseForm
from quality.models import Decision
from quality.permissions import represented_institution, require_represented_institution
from quality.selectors.decisions import decision_list, decision_view
from quality.services import decisions as services
from quality.views.base import CoursePage
from teams import permissions as perm

REVISE_NOT_YOURS = _("Only the proposer or the course leader revises a proposal.")
REVISE_RULES = _("This decision follows its examination rules: change the rules and the proposal is revised.")
REVISE_VISION = _(
    "This decision follows its version of the joint vision: change the vision and the proposal is revised."
)


class DecisionListView(CoursePage):
    template_name = "quality/decision_list.html"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        return {
            "decisions": list(decision_list(course=self.course)),
            "institution_count": self.course.partnerships.count(),
            "decision_form": forms.get("decision_form") or DecisionForm(),
        }

    def post(self, request, *args, **kwargs):
        if perm.PROPOSE_DECISION not in self.course_perms:
            raise PermissionDenied(gettext("Your role on this course does not allow proposing decisions."))
        form = DecisionForm(request.POST)
        return self.run(
            form,
            lambda data: services.decision_propose(actor=request.user, course=self.course, **data),
            form_name="decision_form",
            message=gettext("Your proposal is open: every institution of the course is asked for its position."),
            redirect_to=lambda decision: decision.get_absolute_url(),
        )


class DecisionDetailView(CoursePage):
    request: AuthenticatedHttpRequest
    template_name = "quality/decision_detail.html"

    def setup(self, request, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.decision: Decision | None = None

    def get_decision(self) -> Decision:
        if self.decision is None:
            self.decision = get_object_or_404(
                Decision.objects.select_related("course", "proposer", "examination_rules", "vision_version"),
                pk=self.kwargs["pk"],
                course=self.course,
            )
        return self.decision

    def can_revise(self, decision: Decision) -> bool:
        return (
            decision.is_open
            and not hasattr(decision, "examination_rules")
            and not hasattr(decision, "vision_version")
            and perm.PROPOSE_DECISION in self.course_perms
            and (decision.proposer_id == self.request.user.pk or perm.MODERATE_DECISIONS in self.course_perms)
        )

    def page_context(self, **forms: Any) -> dict[str, Any]:
        decision = self.get_decision()
        view = decision_view(decision=decision)
        speaks_for = None
        if perm.RECORD_CONSENT in self.course_perms:
            speaks_for = represented_institution(user=self.request.user, course=self.course)
        mine = next((c for i, c in view.positions if speaks_for and i.pk == speaks_for.pk), None)
        initial = {"position": mine.position, "reason": mine.reason} if mine else None
        return {
            "decision": decision,
            "view": view,
            "speaks_for": speaks_for,
            "my_position": mine,
            "consent_form": forms.get("consent_form") or ConsentForm(initial=initial),
            "can_revise": self.can_revise(decision),
            "revise_form": forms.get("revise_form")
            or ReviseForm(initial={"title": decision.title, "text": decision.text}),
        }


class ConsentRecordView(DecisionDetailView):
    permission_required = perm.RECORD_CONSENT

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_decision().get_absolute_url())

    def post(self, request, *args, **kwargs):
        decision = self.get_decision()
        institution = require_represented_institution(user=request.user, course=self.course)
        form = ConsentForm(request.POST)
        return self.run(
            form_name="consent_form",
            form=form,
            action=lambda data: services.consent_record(
                actor=request.user, decision=decision, institution=institution, **data
            ),
            message=gettext("The position of %(institution)s is recorded.") % {"institution": institution.name},
            redirect_to=decision.get_absolute_url(),
        )


class DecisionReviseView(DecisionDetailView):
    permission_required = perm.PROPOSE_DECISION

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_decision().get_absolute_url())

    def post(self, request, *args, **kwargs):
        decision = self.get_decision()
        if hasattr(decision, "examination_rules"):
            raise PermissionDenied(REVISE_RULES)
        if hasattr(decision, "vision_version"):
            raise PermissionDenied(REVISE_VISION)
        if decision.proposer_id != request.user.pk and perm.MODERATE_DECISIONS not in self.course_perms:
            raise PermissionDenied(REVISE_NOT_YOURS)
        form = ReviseForm(request.POST)
        return self.run(
            form_name="revise_form",
            form=form,
            action=lambda data: services.decision_revise(actor=request.user, decision=decision, **data),
            message=gettext("The proposal is revised: every institution is asked for its position on the new version."),
            redirect_to=decision.get_absolute_url(),
        )
