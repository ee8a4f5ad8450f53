"""The "My tasks" list: a FilterSet over phases.selectors.task_list_for_user, dropdowns scoped to the user."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapMixin
from phases.forms import DateInput
from phases.models import Phase, Task
from teams.permissions import visible_courses

OPEN = "open"
MINE, ALL = "mine", "all"


class FilterForm(BootstrapMixin, forms.Form):
    pass


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Tasks without a due date come last whichever way the list is sorted, on SQLite as on PostgreSQL."""

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = []
        for param in value:
            name = self.param_map.get(param.lstrip("-"))
            if name is None:
                continue
            expr = F(name)
            ordering.append(expr.desc(nulls_last=True) if param.startswith("-") else expr.asc(nulls_last=True))
        return qs.order_by(*ordering, "title", "pk")


class MyTaskFilter(django_filters.FilterSet):
    scope = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[(MINE, _("Tasks assigned to me")), (ALL, _("All tasks I can see"))],
        method="filter_scope",
        empty_label=None,
    )
    course = django_filters.ModelChoiceFilter(
        field_name="phase__course", queryset=None, empty_label=_("All my courses"), label=_("Course")
    )
    phase = django_filters.ChoiceFilter(
        field_name="phase__kind", choices=Phase.Kind.choices, empty_label=_("All phases"), label=_("Phase")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Not done")), *Task.Status.choices],
        method="filter_status",
        empty_label=_("Any status"),
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due on or before"), widget=DateInput()
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=_("Overdue only"), widget=forms.CheckboxInput()
    )
    sort = NullsLastOrderingFilter(
        fields=(("due_on", "due"), ("title", "title"), ("phase__course__title", "course"), ("status", "status")),
        field_labels={
            "due_on": _("Due date"),
            "title": _("Title"),
            "phase__course__title": _("Course"),
            "status": _("Status"),
            # Whole labels, not django-filter's "%s (descending)" (formatted once, in English, at import).
            "-due": _("Due date (descending)"),
            "-title": _("Title (descending)"),
            "-course": _("Course (descending)"),
            "-status": _("Status (descending)"),
        },
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = Task
        fields: list[str] = []
        form = FilterForm

    def __init__(self, data=None, *args, user, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("scope", MINE)
        data.setdefault("status", OPEN)
        data.setdefault("sort", "due")
        super().__init__(data, *args, **kwargs)
        self.user = user
        self.filters["course"].queryset = visible_courses(user).order_by("title")

    def filter_scope(self, queryset, name, value):
        return queryset.filter(is_mine=True) if value == MINE else queryset

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.exclude(status=Task.Status.DONE)
        return queryset.filter(status=value)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(due_on__lt=timezone.localdate()) & ~Q(status=Task.Status.DONE))
