"""Decisions and the positions of institutions on them; evaluation editions and each institution's data."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from api.serializers.quality import (
    ConsentSerializer,
    DecisionSerializer,
    EditionSerializer,
    PositionSerializer,
    ReportSerializer,
    ReportSubmitSerializer,
)
from api.views.base import CourseAPIView
from quality.models import Consent, Decision, Edition, EvaluationReport
from quality.permissions import can_view_evaluation, require_represented_institution
from quality.selectors import decisions as selectors
from quality.services import decisions as decision_services
from quality.services import evaluation as evaluation_services
from teams import permissions as perm

# As on the evaluation pages (quality.views.base).
ONLY_STAFF = _("Evaluation data is for the course leader, partner representatives and QA officers.")


class DecisionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Decision.Status.choices)

    class Meta:
        model = Decision
        fields = ["status"]


class DecisionList(CourseAPIView, generics.ListAPIView):
    """The team's decisions, with how many institutions took each position on the current version."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def get_queryset(self):
        if self.schema_only:
            return Decision.objects.none()
        return selectors.decision_list(course=self.course)


class DecisionDetail(CourseAPIView, generics.RetrieveAPIView):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        if self.schema_only:
            return Decision.objects.none()
        return selectors.decision_list(course=self.course)


class PositionList(CourseAPIView, generics.ListCreateAPIView):
    """The positions on the decision's current version; a representative records their institution's."""

    serializer_class = ConsentSerializer
    pagination_class = None
    write_permission = perm.RECORD_CONSENT

    def decision(self) -> Decision:
        return get_object_or_404(Decision, pk=self.kwargs["pk"], course=self.course)

    def get_queryset(self):
        if self.schema_only:
            return Consent.objects.none()
        decision = self.decision()
        return Consent.objects.filter(decision=decision, version=decision.version).select_related(
            "institution", "recorded_by"
        )

    @extend_schema(request=PositionSerializer, responses={201: ConsentSerializer})
    def post(self, request, *args, **kwargs):
        decision = self.decision()
        institution = require_represented_institution(user=request.user, course=self.course)
        data = PositionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = decision_services.consent_record(
            actor=request.user, decision=decision, institution=institution, **data.validated_data
        )
        consent = Consent.objects.select_related("institution", "recorded_by").get(pk=consent.pk)
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class EvaluationAPIView(CourseAPIView):
    """Evaluation data is for the course's staff (leader, partner representatives, QA officers)."""

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if not can_view_evaluation(self.course_perms):
            raise PermissionDenied(ONLY_STAFF)


class EditionList(EvaluationAPIView, generics.ListAPIView):
    """The course's editions (runs)."""

    serializer_class = EditionSerializer

    def get_queryset(self):
        if self.schema_only:
            return Edition.objects.none()
        return Edition.objects.filter(course=self.course)


class ReportList(EvaluationAPIView, generics.ListCreateAPIView):
    """Each institution's evaluation data for an edition; a representative submits their institution's."""

    serializer_class = ReportSerializer
    pagination_class = None
    write_permission = perm.SUBMIT_EVALUATION

    def edition(self) -> Edition:
        return get_object_or_404(Edition, pk=self.kwargs["pk"], course=self.course)

    def get_queryset(self):
        if self.schema_only:
            return EvaluationReport.objects.none()
        return EvaluationReport.objects.filter(edition=self.edition()).select_related("institution")

    @extend_schema(request=ReportSubmitSerializer, responses={201: ReportSerializer})
    def post(self, request, *args, **kwargs):
        edition = self.edition()
        institution = require_represented_institution(user=request.user, course=self.course)
        data = ReportSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = evaluation_services.report_submit(
            actor=request.user, edition=edition, institution=institution, **data.validated_data
        )
        report = EvaluationReport.objects.select_related("institution").get(pk=report.pk)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
