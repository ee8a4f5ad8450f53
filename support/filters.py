"""The support matrix's filter: by institution and by status (including the derived "lapsed" and "missing")."""

from __future__ import annotations

from datetime import date
from typing import cast

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from support.models import Consultation, ConsultationQuerySet

LAPSED, MISSING = "lapsed", "missing"


class MatrixFilter(django_filters.FilterSet):
    """Filters consultations; the matrix shows the matching cells and dims the rest.

    Institution choices come from the partnerships the page already loaded (no query of their own), so a
    person can pick only the course's institutions.
    """

    institution = django_filters.ChoiceFilter(
        label=_("Institution"), empty_label=_("All institutions"), method="filter_institution"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        empty_label=_("Any status"),
        choices=[
            *Consultation.Status.choices,
            (LAPSED, _("Lapsed (past due, not held)")),
            (MISSING, _("Not engaged yet")),
        ],
        method="filter_status",
    )

    class Meta:
        model = Consultation
        fields: list[str] = []

    def __init__(self, *args, partnerships, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["institution"].extra["choices"] = [
            (str(p.institution_id), p.institution.name) for p in partnerships
        ]
        for name in ("institution", "status"):
            self.form.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def filter_institution(self, queryset: QuerySet, name: str, value) -> QuerySet:
        return queryset.filter(institution_id=int(value)) if value else queryset

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == LAPSED:
            return cast(ConsultationQuerySet, queryset).lapsed(self.today)
        if value == MISSING:
            return queryset.none()  # no row to match: the matrix shows the empty cells instead
        return queryset.filter(status=value)

    @property
    def active(self) -> bool:
        return self.is_bound and self.form.is_valid() and any(self.form.cleaned_data.get(f) for f in self.filters)
