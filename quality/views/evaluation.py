"""Evaluation pages of a course: procedure and editions, submitting data, reviewing it, and trends."""

from __future__ import annotations

from copy import copy
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.http import AuthenticatedHttpRequest
from core.confirm import Confirmation, confirmation_page
from quality.charts import line_chart
from quality.forms import EditionForm, ProcedureForm, ReportForm, ReviewForm
from quality.models import Edition, EvaluationProcedure, EvaluationReport
from quality.permissions import can_keep_evaluation, represented_institution, require_represented_institution
from quality.selectors.evaluation import evaluation_overview, evaluation_trends, report_history
from quality.services import evaluation as services
from quality.views.base import EvaluationKeeperPage, EvaluationPage
from teams import permissions as perm

if TYPE_CHECKING:
    from teams.models import Course

Status = EvaluationReport.Status
CHOOSE_DECISION = _("Choose to accept the data or to request changes.")


def _evaluation_url(course) -> str:
    return reverse("quality:evaluation", kwargs={"slug": course.slug})


class EvaluationView(EvaluationPage):
    request: AuthenticatedHttpRequest
    template_name = "quality/evaluation.html"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        procedure, institutions, rows = evaluation_overview(course=self.course)
        open_course = not self.course.is_archived  # an archived course shows its data, no controls (teams.archive)
        can_submit = perm.SUBMIT_EVALUATION in self.course_perms and open_course
        return {
            "procedure": procedure,
            "institutions": institutions,
            "rows": rows,
            "speaks_for": represented_institution(user=self.request.user, course=self.course) if can_submit else None,
            "can_keep": can_keep_evaluation(self.course_perms) and open_course,
            "today": timezone.localdate(),
            "edition_form": forms.get("edition_form") or EditionForm(),
        }


class EditionAddView(EvaluationKeeperPage):
    template_name = "quality/evaluation.html"
    page_context = EvaluationView.page_context

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(_evaluation_url(self.course))

    def post(self, request, *args, **kwargs):
        form = EditionForm(request.POST)
        return self.run(
            form_name="edition_form",
            form=form,
            action=lambda data: services.edition_create(actor=request.user, course=self.course, **data),
            message=gettext("Edition added. Each institution submits its evaluation data once it ends."),
            redirect_to=_evaluation_url(self.course),
        )


class EditionMixin:
    """The edition of the URL, of this course only (another course's edition is a 404)."""

    course: Course  # set by CoursePermissionMixin
    kwargs: dict[str, Any]

    def get_edition(self) -> Edition:
        if not hasattr(self, "_edition"):
            self._edition = get_object_or_404(Edition, pk=self.kwargs["pk"], course=self.course)
            self._edition.course = self.course  # known already
        return self._edition


class EditionEditView(EditionMixin, EvaluationKeeperPage):
    """Rename or re-date an edition (the leader or a QA officer, as for adding one)."""

    template_name = "quality/edition_form.html"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        edition = self.get_edition()
        return {
            "edition": edition,
            "has_data": edition.reports.exists(),
            "form": forms.get("form") or EditionForm(instance=copy(edition)),
        }

    def post(self, request, *args, **kwargs):
        edition = self.get_edition()
        form = EditionForm(request.POST, instance=copy(edition))  # the page keeps the stored name in its title
        return self.run(
            form_name="form",
            form=form,
            action=lambda data: services.edition_update(actor=request.user, edition=edition, **data),
            message=gettext("Edition saved."),
            redirect_to=_evaluation_url(self.course),
        )


class EditionDeleteView(EditionMixin, EvaluationKeeperPage):
    """Delete an edition without evaluation data: GET asks first, POST deletes."""

    def confirm(self, refusal: str, status: int = 200) -> HttpResponse:
        edition = self.get_edition()
        confirmation = Confirmation(
            tab="evaluation",
            title=gettext("Delete the edition “%(edition)s”") % {"edition": edition.name},
            question=gettext("“%(edition)s” (%(starts)s – %(ends)s) will be deleted from the course's editions.")
            % {
                "edition": edition.name,
                "starts": date_format(edition.starts_on, "j M Y"),
                "ends": date_format(edition.ends_on, "j M Y"),
            },
            consequence=gettext(
                "No evaluation data has been submitted for it. Reminders of missing data for it that have "
                "not been sent yet are withdrawn."
            ),
            action=gettext("Delete edition"),
            back_url=_evaluation_url(self.course),
            refusal=refusal,
        )
        return confirmation_page(self.request, self.get_context_data(), confirmation, status=status)

    def get(self, request, *args, **kwargs):
        return self.confirm(services.edition_delete_refusal(edition=self.get_edition()))

    def post(self, request, *args, **kwargs):
        edition = self.get_edition()
        try:
            services.edition_delete(actor=request.user, edition=edition)
        except ValidationError as error:
            return self.confirm(" ".join(error.messages), status=400)
        messages.success(request, gettext("Edition “%(edition)s” deleted.") % {"edition": edition.name})
        return HttpResponseRedirect(_evaluation_url(self.course))


class ProcedureEditView(EvaluationKeeperPage):
    template_name = "quality/procedure_form.html"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        procedure = EvaluationProcedure.objects.filter(course=self.course).first()
        return {"form": forms.get("form") or ProcedureForm(instance=procedure)}

    def post(self, request, *args, **kwargs):
        form = ProcedureForm(request.POST)
        return self.run(
            form_name="form",
            form=form,
            action=lambda data: services.procedure_save(actor=request.user, course=self.course, **data),
            message=gettext("Evaluation procedure saved."),
            redirect_to=_evaluation_url(self.course),
        )


class ReportSubmitView(EvaluationPage):
    """A representative submits, corrects or answers a review of their own institution's data for an edition."""

    edits_course = True  # an archived course does not open this form (teams.archive)

    request: AuthenticatedHttpRequest
    permission_required = perm.SUBMIT_EVALUATION
    template_name = "quality/report_form.html"

    def load(self) -> None:
        self.edition = get_object_or_404(Edition, pk=self.kwargs["pk"], course=self.course)
        self.institution = require_represented_institution(user=self.request.user, course=self.course)
        self.report = (
            EvaluationReport.objects.filter(edition=self.edition, institution=self.institution)
            .select_related("reviewed_by")
            .first()
        )

    def page_context(self, **forms: Any) -> dict[str, Any]:
        asks_reply = self.report is not None and self.report.status == Status.CHANGES_REQUESTED
        return {
            "edition": self.edition,
            "institution": self.institution,
            "report": self.report,
            "form": forms.get("form") or ReportForm(instance=self.report, asks_reply=asks_reply),
        }

    def get(self, request, *args, **kwargs):
        self.load()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.load()
        asks_reply = self.report is not None and self.report.status == Status.CHANGES_REQUESTED
        form = ReportForm(request.POST, asks_reply=asks_reply)
        return self.run(
            form_name="form",
            form=form,
            action=lambda data: services.report_submit(
                actor=request.user, edition=self.edition, institution=self.institution, **data
            ),
            message=gettext("Evaluation data of %(institution)s for %(edition)s submitted for review.")
            % {"institution": self.institution.name, "edition": self.edition.name},
            redirect_to=_evaluation_url(self.course),
        )


class ReportDetailView(EvaluationPage):
    request: AuthenticatedHttpRequest
    template_name = "quality/report_detail.html"

    def get_report(self) -> EvaluationReport:
        if not hasattr(self, "_report"):
            self._report = get_object_or_404(
                EvaluationReport.objects.select_related(
                    "edition__course", "institution", "submitted_by", "reviewed_by"
                ),
                pk=self.kwargs["pk"],
                edition__course=self.course,
            )
        return self._report

    def page_context(self, **forms: Any) -> dict[str, Any]:
        report = self.get_report()
        speaks_for = None
        open_course = not self.course.is_archived
        if perm.SUBMIT_EVALUATION in self.course_perms and open_course:
            speaks_for = represented_institution(user=self.request.user, course=self.course)
        return {
            "report": report,
            "events": report_history(report=report),
            "can_review": perm.REVIEW_EVALUATION in self.course_perms
            and report.status == Status.SUBMITTED
            and open_course,
            "can_edit": speaks_for is not None
            and speaks_for.pk == report.institution_id
            and report.status != Status.ACCEPTED,
            "review_form": forms.get("review_form") or ReviewForm(),
        }


class ReportReviewView(ReportDetailView):
    permission_required = perm.REVIEW_EVALUATION

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_report().get_absolute_url())

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        form = ReviewForm(request.POST)
        if request.POST.get("decision") == "accept":
            return self.run(
                None,
                lambda: services.report_accept(actor=request.user, report=report),
                message=gettext("Evaluation data of %(institution)s for %(edition)s accepted.")
                % {"institution": report.institution.name, "edition": report.edition.name},
                redirect_to=report.get_absolute_url(),
            )
        if request.POST.get("decision") != "request_changes":
            messages.error(request, CHOOSE_DECISION)
            return self.respond(status=400)
        return self.run(
            form_name="review_form",
            form=form,
            action=lambda data: services.report_request_changes(actor=request.user, report=report, **data),
            message=gettext("Changes requested from %(institution)s; they will see your comment.")
            % {"institution": report.institution.name},
            redirect_to=report.get_absolute_url(),
        )


class TrendsView(EvaluationPage):
    template_name = "quality/trends.html"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        trends = evaluation_trends(course=self.course)
        return {"charts": [(t, line_chart(t)) for t in trends], "has_data": bool(trends[0].editions)}
