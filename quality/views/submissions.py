"""The QA officers' list of evaluation submissions across their courses, and its CSV export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.generic import TemplateView

from accounts.http import AuthenticatedHttpRequest
from core.spreadsheets import csv_response
from quality import conf
from quality.filters import SubmissionFilter
from quality.models import EvaluationReport
from quality.permissions import EVALUATION_VIEWERS
from quality.selectors.evaluation import evaluation_courses_for_user, report_list_for_user
from teams.permissions import course_ids_for_user

CSV_COLUMNS = [
    "course", "edition", "edition_starts_on", "edition_ends_on", "institution", "enrolled", "completed", "passed",
    "completion_rate", "pass_rate", "mean_satisfaction", "dropout_reasons", "remarks", "status", "submitted_by",
    "submitted_at", "review_comment", "reply",
]  # fmt: skip


class SubmissionFilterMixin(LoginRequiredMixin):
    """The reports the user may see (courses where they submit or review evaluation data), filtered."""

    request: AuthenticatedHttpRequest

    def get_filterset(self, *, reports: bool = True) -> SubmissionFilter:
        """``reports=False``: the form alone, for a page whose list may come from the cache."""
        user = self.request.user
        return SubmissionFilter(
            self.request.GET or None,
            queryset=report_list_for_user(user=user) if reports else EvaluationReport.objects.none(),
            courses=evaluation_courses_for_user(user=user),
        )


class SubmissionListView(SubmissionFilterMixin, TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "quality/submissions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        filterset = SimpleLazyObject(lambda: self.get_filterset(reports=False))

        def first_page():
            filterset.queryset = report_list_for_user(user=user)
            return Paginator(filterset.qs, conf.submissions_page_size()).get_page(self.request.GET.get("page"))

        # Lazy: read only when the cached list ({% cachedfragment %}) has to be rendered afresh.
        page = SimpleLazyObject(first_page)
        course_ids = SimpleLazyObject(lambda: course_ids_for_user(user, EVALUATION_VIEWERS))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=filterset,
            page=page,
            reports=SimpleLazyObject(lambda: list(page.object_list)),
            query=query.urlencode(),
            fragment_course_ids=course_ids,
            reviews_any=SimpleLazyObject(lambda: user.is_superuser or bool(course_ids)),
        )
        return context

    def render_to_response(self, context, **kwargs):
        # Without parameters the form is unbound and valid: the filter is built only if the page is rendered.
        status = 400 if self.request.GET and not context["filter"].is_valid() else 200
        return super().render_to_response(context, status=status, **kwargs)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}"


class SubmissionExportView(SubmissionFilterMixin, View):
    """The filtered submissions as CSV, for the QA officer's own analysis."""

    request: AuthenticatedHttpRequest

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        rows = filterset.queryset.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
        # Every cell defused against formulas, a byte-order mark, times in the site's zone (core.spreadsheets).
        response, writer = csv_response(f"evaluation-data-{timezone.localdate().isoformat()}.csv")
        writer.writerow(CSV_COLUMNS)
        for r in rows.iterator(chunk_size=500):
            writer.writerow(
                [
                    r.edition.course.title, r.edition.name, r.edition.starts_on.isoformat(),
                    r.edition.ends_on.isoformat(), r.institution.name, r.enrolled, r.completed, r.passed,
                    _percent(r.completion_rate), _percent(r.pass_rate),
                    "" if r.mean_satisfaction is None else f"{r.mean_satisfaction:.2f}", r.dropout_reasons,
                    r.remarks, r.get_status_display(), r.submitted_by.email, r.submitted_at,
                    r.review_comment, r.reply,
                ]
            )  # fmt: skip
        return response
