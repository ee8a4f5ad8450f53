"""Reads of examination rules: versions of a course, and one version with its methods, awards and decision."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, Sum
from django.shortcuts import get_object_or_404

from quality.models import AssessmentMethod, Award, ExaminationRules
from teams.models import Course


def rules_versions(*, course: Course) -> QuerySet[ExaminationRules]:
    """Every version of the course's rules, newest first, with its decision."""
    return ExaminationRules.objects.filter(course=course).select_related("adoption_decision").order_by("-version")


def rules_detail(*, course: Course, version: int) -> ExaminationRules:
    """One version with its assessment methods (and their total weight) and awards; 404 if not of this course."""
    rules = get_object_or_404(
        ExaminationRules.objects.select_related("adoption_decision", "course")
        .prefetch_related(
            "assessment_methods",
            Prefetch("awards", queryset=Award.objects.prefetch_related("required_assessments")),
        )
        .annotate(weights_total=Sum("assessment_methods__weight_percent")),
        course=course,
        version=version,
    )
    # annotate()'s attribute, which django-stubs does not see on get_object_or_404's answer
    rules.weights_total = rules.weights_total or 0  # type: ignore[attr-defined]
    return rules


def assessment_method_of(*, rules: ExaminationRules, pk: int) -> AssessmentMethod:
    return get_object_or_404(AssessmentMethod, pk=pk, rules=rules)
