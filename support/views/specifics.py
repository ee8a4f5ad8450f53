"""What three services settle, on one page: approval steps, the delivery platform, agreements and signatures."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from accounts.http import AuthenticatedHttpRequest
from support import selectors
from support.forms import AgreementForm, ApprovalStepForm, DeliveryPlatformForm, SignatureForm
from support.models import Agreement, AgreementSignature, ApprovalStep
from support.permissions import require_leader, require_manage
from support.services import specifics
from support.views.base import SupportPageView
from teams import permissions as perm


class SpecificsView(SupportPageView):
    template_name = "support/specifics.html"
    page_url_name = "support:specifics"
    sub_nav = "specifics"

    def section_context(self, **extra: Any) -> dict[str, Any]:
        platform = selectors.delivery_platform(course=self.course)
        lead = next((p.institution for p in self.partnerships if p.is_lead), self.course.lead_institution)
        if self.scope.manages_all:
            extra.setdefault("agreement_form", AgreementForm())
        return super().section_context(
            approvals=selectors.approval_grid(course=self.course, partnerships=self.partnerships, scope=self.scope),
            platform=platform,
            platform_host=platform.host_institution if platform else lead,
            agreements=selectors.agreements(course=self.course, partnerships=self.partnerships, scope=self.scope),
            approval_steps=ApprovalStep.Step.choices,
            **extra,
        )


class SpecificsActionView(SpecificsView):
    """Base of the page's actions: MANAGE_SUPPORT, and a GET shows the form (htmx: just the section)."""

    edits_course = True  # an archived course does not open this form (teams.archive)

    request: AuthenticatedHttpRequest
    permission_required = perm.MANAGE_SUPPORT

    def show(self, **extra: Any):
        template = self.section_template if self.request.htmx else self.template_name
        return render(self.request, template, self.section_context(**extra))


class ApprovalEditView(SpecificsActionView):
    section_template = "support/_approvals.html"

    def setup_step(self) -> None:
        self.institution = self.course_institution(self.kwargs["institution_id"])
        if self.kwargs["step"] not in ApprovalStep.Step.values:
            raise Http404("No such approval step.")
        self.step = self.kwargs["step"]
        require_manage(self.scope, self.institution)

    def editing(self, form) -> dict[str, Any]:
        return {"institution_id": self.institution.pk, "step": self.step, "form": form}

    def get(self, request, *args, **kwargs):
        self.setup_step()
        current = ApprovalStep.objects.filter(course=self.course, institution=self.institution, step=self.step).first()
        initial = {f: getattr(current, f) for f in ("status", "started_on", "completed_on", "note")} if current else {}
        form = ApprovalStepForm(initial=initial, institution_id=self.institution.pk, step=self.step)
        return self.show(editing=self.editing(form))

    def post(self, request, *args, **kwargs):
        self.setup_step()
        form = ApprovalStepForm(request.POST, institution_id=self.institution.pk, step=self.step)
        label = f"{ApprovalStep.Step(self.step).label} at {self.institution}"
        return self.run(
            form,
            lambda data: specifics.approval_step_save(
                actor=request.user, course=self.course, institution=self.institution, step=self.step, **data
            ),
            message=gettext("%(step)s saved.") % {"step": label},
            editing=self.editing(form),
        )


class PlatformEditView(SpecificsActionView):
    """The leader records the delivery platform (the lead institution's unless the team agrees otherwise)."""

    section_template = "support/_platform.html"

    def form(self, data=None) -> DeliveryPlatformForm:
        current = selectors.delivery_platform(course=self.course)
        if current:
            initial = {
                "host_institution": current.host_institution_id,
                "name": current.name,
                "url": current.url,
                "formats": current.formats,
                "notes": current.notes,
            }
        else:
            initial = {"host_institution": self.course.lead_institution_id}
        return DeliveryPlatformForm(data, initial=initial, institutions=[p.institution for p in self.partnerships])

    def get(self, request, *args, **kwargs):
        require_leader(self.scope)
        return self.show(platform_form=self.form())

    def post(self, request, *args, **kwargs):
        require_leader(self.scope)
        form = self.form(request.POST)
        return self.run(
            form,
            lambda data: specifics.delivery_platform_save(actor=request.user, course=self.course, **data),
            form_name="platform_form",
            message=gettext("Delivery platform saved."),
        )


class AgreementAddView(SpecificsActionView):
    section_template = "support/_agreements.html"

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.page_url())

    def post(self, request, *args, **kwargs):
        require_leader(self.scope)
        form = AgreementForm(request.POST)
        title = form.data.get("agreement-title", "").strip()
        return self.run(
            form,
            lambda data: specifics.agreement_add(actor=request.user, course=self.course, **data),
            form_name="agreement_form",
            message=gettext("Agreement “%(title)s” added; each institution's signature is now tracked.")
            % {"title": title},
        )


class AgreementRemoveView(SpecificsActionView):
    """The leader removes an agreement: GET asks on a page of its own, POST removes."""

    section_template = "support/_agreements.html"

    def get(self, request, *args, **kwargs):
        agreement = get_object_or_404(Agreement, pk=kwargs["pk"], course=self.course)
        require_leader(self.scope)
        return self.confirm(
            title=gettext("Remove the agreement “%(title)s”") % {"title": agreement.title},
            question=gettext("“%(title)s” will be removed from the course's agreements.") % {"title": agreement.title},
            consequence=gettext("The signatures recorded for it are removed with it."),
            action=gettext("Remove agreement"),
        )

    def post(self, request, *args, **kwargs):
        agreement = get_object_or_404(Agreement, pk=kwargs["pk"], course=self.course)
        require_leader(self.scope)
        try:
            specifics.agreement_remove(actor=request.user, agreement=agreement)
        except ValidationError as refusal:  # signed or declined: the refusal says why (403 page or notice)
            raise PermissionDenied(" ".join(refusal.messages)) from refusal
        return self.respond(message=gettext("Agreement “%(title)s” removed.") % {"title": agreement.title})


class SignatureEditView(SpecificsActionView):
    """An institution records its own signature; the leader records anyone's."""

    section_template = "support/_agreements.html"

    def setup_signature(self) -> None:
        self.agreement = get_object_or_404(Agreement, pk=self.kwargs["pk"], course=self.course)
        self.institution = self.course_institution(self.kwargs["institution_id"])
        require_manage(self.scope, self.institution)

    def editing(self, form) -> dict[str, Any]:
        return {"agreement_id": self.agreement.pk, "institution_id": self.institution.pk, "form": form}

    def get(self, request, *args, **kwargs):
        self.setup_signature()
        current = AgreementSignature.objects.filter(agreement=self.agreement, institution=self.institution).first()
        initial = {"status": current.status, "signed_on": current.signed_on} if current else {}
        form = SignatureForm(initial=initial, agreement_id=self.agreement.pk, institution_id=self.institution.pk)
        return self.show(editing=self.editing(form))

    def post(self, request, *args, **kwargs):
        self.setup_signature()
        form = SignatureForm(request.POST, agreement_id=self.agreement.pk, institution_id=self.institution.pk)
        return self.run(
            form,
            lambda data: specifics.signature_save(
                actor=request.user, agreement=self.agreement, institution=self.institution, **data
            ),
            message=gettext("Signature of %(institution)s on “%(title)s” saved.")
            % {"institution": self.institution, "title": self.agreement.title},
            editing=self.editing(form),
        )
