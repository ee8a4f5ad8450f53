"""The consortium agreement's content: the guideline's checklist, sign-offs, what is missing; editing an item."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.http import AuthenticatedHttpRequest
from governance import permissions as rules
from governance.forms import ClauseForm
from governance.models import AgreementClause, ClauseItem
from governance.selectors.agreement import consortium_overview
from governance.services import agreement as services
from governance.views.base import GovernancePage, require_agreement_viewer
from support.permissions import support_scope


class AgreementView(GovernancePage):
    request: AuthenticatedHttpRequest
    template_name = "governance/agreement.html"
    section = "agreement"

    def get(self, request, *args, **kwargs):
        require_agreement_viewer(self.course_perms)
        return super().get(request, *args, **kwargs)

    def page_context(self, **forms: Any) -> dict[str, Any]:
        overview = consortium_overview(course=self.course)
        scope = support_scope(user=self.request.user, course=self.course, perms=self.course_perms)
        return {
            "overview": overview,
            "can_keep": rules.KEEP_AGREEMENT in self.course_perms,
            "may_sign": {i.pk for i, _s in overview.signatures if scope.may_manage(i.pk)},
        }


class AgreementStartView(AgreementView):
    permission_required = rules.KEEP_AGREEMENT

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("governance:agreement", args=[self.course.slug]))

    def post(self, request, *args, **kwargs):
        return self.run(
            None,
            action=lambda: services.consortium_agreement_start(actor=request.user, course=self.course),
            message=_("The consortium agreement is recorded: address each item, then each institution signs."),
            redirect_to=reverse("governance:agreement", args=[self.course.slug]),
        )


class ClauseEditView(GovernancePage):
    permission_required = rules.KEEP_AGREEMENT
    template_name = "governance/clause_form.html"
    section = "agreement"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["item"] not in ClauseItem.values:
            raise Http404("No such item.")
        self.item = kwargs["item"]

    def get_agreement(self):
        overview = consortium_overview(course=self.course)
        if overview.agreement is None:
            raise Http404("No consortium agreement.")
        return overview

    def page_context(self, **forms: Any) -> dict[str, Any]:
        overview = self.get_agreement()
        clause = AgreementClause.objects.filter(agreement=overview.agreement, item=self.item).first()
        initial = (
            {"text": clause.text, "document_reference": clause.document_reference, "document": clause.document_id}
            if clause
            else None
        )
        return {
            "overview": overview,
            "item_label": ClauseItem(self.item).label,
            "clause_form": forms.get("clause_form") or ClauseForm(initial=initial, agreement=overview.agreement),
        }

    def post(self, request, *args, **kwargs):
        agreement = self.get_agreement().agreement
        return self.run(
            ClauseForm(request.POST, agreement=agreement),
            form_name="clause_form",
            action=lambda data: services.clause_save(actor=request.user, agreement=agreement, item=self.item, **data),
            message=_("“%(item)s” is saved.") % {"item": ClauseItem(self.item).label},
            redirect_to=reverse("governance:agreement", args=[self.course.slug]) + f"#item-{self.item}",
        )
