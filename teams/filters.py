"""The "My courses" list: current courses by default, the archived ones on request (teams.archive)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from teams.models import Course

CURRENT, ARCHIVED = "current", "archived"


class CourseListFilter(django_filters.FilterSet):
    """``?state=archived`` lists the archived courses; anything else (or nothing) the current ones."""

    state = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[(CURRENT, _("Current courses")), (ARCHIVED, _("Archived courses"))],
        empty_label=None,
        method="filter_state",
    )

    class Meta:
        model = Course
        fields: list[str] = []

    @property
    def state_value(self) -> str:
        if not self.is_bound or not self.form.is_valid():
            return CURRENT
        return self.form.cleaned_data.get("state") or CURRENT

    def filter_state(self, queryset: QuerySet[Course], name: str, value: str) -> QuerySet[Course]:
        return queryset  # applied in filter_queryset, so that no value still means the current courses

    def filter_queryset(self, queryset: QuerySet[Course]) -> QuerySet[Course]:
        return queryset.filter(archived_at__isnull=self.state_value != ARCHIVED)
