"""The support matrix: institutions x the six services, with inline requests and updates (htmx)."""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any

from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from support import conf, selectors
from support.filters import MISSING, MatrixFilter
from support.forms import ConsultationForm
from support.models import Consultation, ServiceContact, ServiceKind
from support.ordering import order_warning
from support.permissions import require_manage
from support.services.consultations import consultation_save
from support.views.base import SupportPageView
from teams import permissions as perm

NO_CONTACT = _("No contact is recorded for this service, so no e-mail went out; add one on the contacts page.")


class MatrixView(SupportPageView):
    """The matrix page; an htmx request from the filter form gets just the matrix section."""

    template_name = "support/matrix.html"
    section_template = "support/_matrix.html"
    page_url_name = "support:matrix"
    sub_nav = "matrix"

    def get(self, request, *args, **kwargs):
        if request.htmx:
            return render(request, self.section_template, self.section_context())
        return super().get(request, *args, **kwargs)

    def section_context(self, **extra: Any) -> dict[str, Any]:
        # Lazy: read only when the cached matrix ({% cachedfragment %}) has to be rendered afresh.
        built = functools.cache(self.filtered_matrix)
        return super().section_context(
            filter=SimpleLazyObject(lambda: built()[0]), matrix=SimpleLazyObject(lambda: built()[1]), **extra
        )

    def filtered_matrix(self) -> tuple[MatrixFilter, selectors.SupportMatrix]:
        # The filter lives in the query string; after an inline edit the matrix shows unfiltered.
        params = self.request.GET if self.request.method == "GET" else None
        queryset = Consultation.objects.filter(course=self.course)
        filterset = MatrixFilter(params or None, queryset=queryset, partnerships=self.partnerships, today=self.today)
        matching_ids, institution_id, missing_only = None, None, False
        if filterset.active:
            data = filterset.form.cleaned_data
            institution_id = int(data["institution"]) if data.get("institution") else None
            missing_only = data.get("status") == MISSING
            if data.get("status") and not missing_only:
                matching_ids = set(filterset.qs.values_list("pk", flat=True))
        matrix = selectors.support_matrix(
            course=self.course,
            today=self.today,
            scope=self.scope,
            partnerships=self.partnerships,
            matching_ids=matching_ids,
            institution_id=institution_id,
            missing_only=missing_only,
        )
        return filterset, matrix


class ConsultationEditView(MatrixView):
    """Request or update one institution's consultation of one service, inline in the matrix."""

    edits_course = True  # an archived course does not open this form (teams.archive)

    permission_required = perm.MANAGE_SUPPORT

    def setup_cell(self) -> None:
        self.institution = self.course_institution(self.kwargs["institution_id"])
        if self.kwargs["kind"] not in ServiceKind.values:
            raise Http404("No such support service.")
        self.kind = self.kwargs["kind"]
        require_manage(self.scope, self.institution)
        self.consultation = selectors.consultation_for_cell(
            course=self.course, institution=self.institution, kind=self.kind, today=self.today
        )

    def editor(self, form: ConsultationForm) -> dict[str, Any]:
        return {
            "form": form,
            "institution": self.institution,
            "kind": self.kind,
            "kind_label": ServiceKind(self.kind).label,
            "consultation": self.consultation,
            "contact": ServiceContact.objects.filter(institution=self.institution, kind=self.kind).first(),
        }

    def initial(self) -> dict[str, Any]:
        c = self.consultation
        if c is None:
            due = self.today + timedelta(days=conf.consultation_default_days())
            return {"status": Consultation.Status.REQUESTED, "due_by": due}
        fields = ("status", "due_by", "held_on", "outcome", "follow_up_actions")
        return {f: getattr(c, f) for f in fields}

    def get(self, request, *args, **kwargs):
        self.setup_cell()
        form = ConsultationForm(initial=self.initial(), institution_id=self.institution.pk, kind=self.kind)
        template = "support/_consultation_editor.html" if request.htmx else self.template_name
        return render(request, template, self.section_context(editor=self.editor(form)))

    def post(self, request, *args, **kwargs):
        self.setup_cell()
        form = ConsultationForm(request.POST, institution_id=self.institution.pk, kind=self.kind)
        was_status = self.consultation.status if self.consultation else None
        label = {"service": ServiceKind(self.kind).label, "institution": self.institution}
        message = gettext("%(service)s of %(institution)s saved.") % label

        def save(data: dict[str, Any]) -> str | None:
            nonlocal message
            engaged = set(
                Consultation.objects.engaged().filter(course=self.course).values_list("institution_id", "kind")
            )
            notes: list[object] = []
            if data["status"] in Consultation.ENGAGED_STATUSES and was_status not in Consultation.ENGAGED_STATUSES:
                notes.append(
                    order_warning(
                        lead_id=self.course.lead_institution_id,
                        lead_name=str(self.course.lead_institution),
                        institution_id=self.institution.pk,
                        kind=self.kind,
                        engaged=engaged,
                    )
                )
            consultation_save(
                actor=request.user, course=self.course, institution=self.institution, kind=self.kind, **data
            )
            if data["status"] == Consultation.Status.REQUESTED and was_status != Consultation.Status.REQUESTED:
                if ServiceContact.objects.filter(institution=self.institution, kind=self.kind).exists():
                    message = (
                        gettext(
                            "%(service)s of %(institution)s: requested; the service contact receives the course's essentials "
                            "by e-mail."
                        )
                        % label
                    )
                else:
                    message = gettext("%(service)s of %(institution)s: requested.") % label
                    notes.append(NO_CONTACT)
            return " ".join(str(n) for n in notes if n)

        return self.run(form, save, editor=self.editor(form), message=lambda _: message, warning=lambda notes: notes)
