"""The QA submissions list's filters; every dropdown offers only what the user may see."""

import django_filters
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from quality.models import Edition, EvaluationReport
from teams.models import Course, Institution


class SubmissionFilter(django_filters.FilterSet):
    course = django_filters.ModelChoiceFilter(
        field_name="edition__course", queryset=Course.objects.none(), empty_label=_("All courses"), label=_("Course")
    )
    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.none(), empty_label=_("All editions"), label=_("Edition")
    )
    institution = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.none(), empty_label=_("All institutions"), label=_("Institution")
    )
    status = django_filters.ChoiceFilter(
        choices=EvaluationReport.Status.choices, empty_label=_("Any status"), label=_("Status")
    )

    class Meta:
        model = EvaluationReport
        fields = ["course", "edition", "institution", "status"]

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["course"].queryset = courses.order_by("title")
        self.filters["edition"].queryset = (
            Edition.objects.filter(course__in=courses).select_related("course").order_by("course__title", "-starts_on")
        )
        self.filters["institution"].queryset = (
            Institution.objects.filter(partnerships__course__in=courses).distinct().order_by("name")
        )
        for name, f in self.filters.items():
            f.extra["widget"] = forms.Select(attrs={"class": "form-select form-select-sm", "id": f"filter-{name}"})

    @property
    def form(self):
        form = super().form
        # Editions of different courses may share a name; say which course each belongs to.
        form.fields["edition"].label_from_instance = lambda e: (
            gettext("%(course)s – %(edition)s")
            % {
                "course": e.course.title,
                "edition": e.name,
            }
        )
        return form
