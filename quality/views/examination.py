"""Examination rules: the versions of a course, and one version with its forms while it is not binding."""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext

from core.confirm import Confirmation, confirmation_page
from quality.forms import AwardForm, MethodForm, RulesForm
from quality.models import Award, ExaminationRules
from quality.selectors.examination import assessment_method_of, rules_detail, rules_versions
from quality.services import examination as services
from quality.views.base import CoursePage
from teams import permissions as perm


class RulesOverviewView(CoursePage):
    template_name = "quality/rules_overview.html"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        versions = list(rules_versions(course=self.course))
        binding = next((v for v in versions if v.status == ExaminationRules.Status.BINDING), None)
        return {
            "versions": versions,
            "binding": rules_detail(course=self.course, version=binding.version) if binding else None,
            "in_making": next((v for v in versions if not v.is_frozen), None),
        }


class RulesStartView(RulesOverviewView):
    permission_required = perm.CHANGE

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("quality:examination", kwargs={"slug": self.course.slug}))

    def post(self, request, *args, **kwargs):
        return self.run(
            None,
            lambda: services.rules_start(actor=request.user, course=self.course),
            message=gettext("A new version of the examination rules is started, copied from the latest one."),
            redirect_to=lambda rules: rules.get_absolute_url(),
        )


class RulesDetailView(CoursePage):
    template_name = "quality/rules_detail.html"

    def get_rules(self) -> ExaminationRules:
        if not hasattr(self, "_rules"):
            self._rules = rules_detail(course=self.course, version=self.kwargs["version"])
        return self._rules

    def page_context(self, **forms: Any) -> dict[str, Any]:
        rules = self.get_rules()
        editable = not rules.is_frozen and perm.CHANGE in self.course_perms
        context = {"rules": rules, "editable": editable}
        if editable:
            context.update(
                rules_form=forms.get("rules_form") or RulesForm(instance=rules),
                method_form=forms.get("method_form") or MethodForm(),
                award_form=forms.get("award_form") or AwardForm(rules=rules),
            )
        return context


class RulesActionView(RulesDetailView):
    """Base of the POST actions on a version: leader only; errors re-render the version page (400)."""

    permission_required = perm.CHANGE

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_rules().get_absolute_url())


class RulesEditView(RulesActionView):
    def post(self, request, *args, **kwargs):
        rules = self.get_rules()
        form = RulesForm(request.POST, instance=ExaminationRules.objects.get(pk=rules.pk))
        return self.run(
            form_name="rules_form",
            form=form,
            action=lambda data: services.rules_update(actor=request.user, rules=rules, **data),
            message=gettext("Grading system saved."),
            redirect_to=rules.get_absolute_url(),
        )


class MethodAddView(RulesActionView):
    def post(self, request, *args, **kwargs):
        rules = self.get_rules()
        form = MethodForm(request.POST)
        return self.run(
            form_name="method_form",
            form=form,
            action=lambda data: services.method_add(actor=request.user, rules=rules, **data),
            message=gettext("Assessment method added."),
            redirect_to=rules.get_absolute_url() + "#methods",
        )


class MethodRemoveView(RulesActionView):
    def post(self, request, *args, **kwargs):
        rules = self.get_rules()
        method = assessment_method_of(rules=rules, pk=kwargs["pk"])
        return self.run(
            None,
            lambda: services.method_remove(actor=request.user, method=method),
            message=gettext("“%(method)s” removed.") % {"method": method.name},
            redirect_to=rules.get_absolute_url() + "#methods",
        )


class AwardAddView(RulesActionView):
    def post(self, request, *args, **kwargs):
        rules = self.get_rules()
        form = AwardForm(request.POST, rules=rules)
        return self.run(
            form_name="award_form",
            form=form,
            action=lambda data: services.award_save(actor=request.user, rules=rules, **data),
            message=gettext("Award added."),
            redirect_to=rules.get_absolute_url() + "#awards",
        )


class AwardMixin:
    """The award of the URL, of this version of this course's rules only (any other is a 404)."""

    kwargs: dict[str, Any]
    get_rules: Callable[[], ExaminationRules]  # the view's

    def get_award(self) -> Award:
        rules = self.get_rules()
        award = next((a for a in rules.awards.all() if a.pk == self.kwargs["pk"]), None)  # prefetched
        if award is None:
            raise Http404("No such award in this version.")
        return award


class AwardEditView(AwardMixin, RulesActionView):
    """Change an award's conditions while the version is not binding (the leader, as for adding one)."""

    template_name = "quality/award_form.html"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        rules, award = self.get_rules(), self.get_award()
        form = forms.get("form") or AwardForm(instance=copy(award), rules=rules)
        return {"rules": rules, "award": award, "form": form}

    def get(self, request, *args, **kwargs):
        rules = self.get_rules()
        self.get_award()
        refusal = services.frozen_refusal(rules)
        if refusal:
            messages.error(request, refusal)
            return HttpResponseRedirect(rules.get_absolute_url() + "#awards")
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        rules, award = self.get_rules(), self.get_award()
        form = AwardForm(request.POST, instance=copy(award), rules=rules)
        return self.run(
            form_name="form",
            form=form,
            action=lambda data: services.award_save(actor=request.user, rules=rules, award=award, **data),
            message=gettext("%(award)s award saved.") % {"award": award.get_kind_display()},
            redirect_to=rules.get_absolute_url() + "#awards",
        )


class AwardRemoveView(AwardMixin, RulesActionView):
    """Remove an award: GET asks first (or says why the version cannot change), POST removes."""

    def get(self, request, *args, **kwargs):
        rules, award = self.get_rules(), self.get_award()
        proposed = rules.status == ExaminationRules.Status.PROPOSED
        confirmation = Confirmation(
            tab="examination",
            title=gettext("Remove the %(award)s award") % {"award": award.get_kind_display()},
            question=gettext(
                "The %(award)s award and its conditions will be removed from version %(version)s of the examination "
                "rules."
            )
            % {"award": award.get_kind_display(), "version": rules.version},
            consequence=gettext(
                "The version is proposed for adoption: removing the award revises the proposal, and "
                "positions already recorded are reset."
            )
            if proposed
            else "",
            action=gettext("Remove award"),
            back_url=rules.get_absolute_url() + "#awards",
            refusal=services.frozen_refusal(rules),
        )
        return confirmation_page(request, {"course": self.course, "course_perms": self.course_perms}, confirmation)

    def post(self, request, *args, **kwargs):
        rules = self.get_rules()
        award = self.get_award()
        return self.run(
            None,
            lambda: services.award_remove(actor=request.user, award=award),
            message=gettext("%(award)s award removed.") % {"award": award.get_kind_display()},
            redirect_to=rules.get_absolute_url() + "#awards",
        )


class RulesProposeView(RulesActionView):
    def post(self, request, *args, **kwargs):
        rules = self.get_rules()
        return self.run(
            None,
            lambda: services.rules_propose(actor=request.user, rules=rules),
            message=gettext("The rules are proposed for adoption: they bind once every institution consents."),
            redirect_to=lambda decision: decision.get_absolute_url(),
        )
