"""Decisions and positions, evaluation editions and reports as the API shows and accepts them."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from api.serializers.teams import InstitutionSerializer
from quality.models import Consent, Decision, Edition, EvaluationReport
from quality.models.decisions import REASON_MAX
from quality.models.evaluation import LEARNERS_MAX


class DecisionSerializer(serializers.ModelSerializer):
    proposer = serializers.CharField(source="proposer.display_name")
    consent_count = serializers.IntegerField(help_text="Institutions consenting to the current version.")
    objection_count = serializers.IntegerField()
    abstention_count = serializers.IntegerField()

    class Meta:
        model = Decision
        fields = [
            "id", "title", "text", "proposer", "version", "version_proposed_at", "status", "agreed_at",
            "consent_count", "objection_count", "abstention_count",
        ]  # fmt: skip


class ConsentSerializer(serializers.ModelSerializer):
    institution = InstitutionSerializer()
    recorded_by = serializers.CharField(source="recorded_by.display_name")

    class Meta:
        model = Consent
        fields = ["id", "version", "institution", "position", "reason", "recorded_by", "updated_at"]


class PositionSerializer(serializers.Serializer):
    """The position of the caller's institution on the decision's current version."""

    position = serializers.ChoiceField(choices=Consent.Position.choices)
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True, default="")


class EditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Edition
        fields = ["id", "name", "starts_on", "ends_on"]


class ReportSerializer(serializers.ModelSerializer):
    edition = serializers.IntegerField(source="edition_id")
    institution = InstitutionSerializer()

    class Meta:
        model = EvaluationReport
        fields = [
            "id", "edition", "institution", "enrolled", "completed", "passed", "mean_satisfaction",
            "dropout_reasons", "remarks", "status", "submitted_at", "review_comment", "reviewed_at", "reply",
        ]  # fmt: skip


class ReportSubmitSerializer(serializers.Serializer):
    """The caller's institution's evaluation data for an edition that has ended."""

    enrolled = serializers.IntegerField(min_value=0, max_value=LEARNERS_MAX)
    completed = serializers.IntegerField(min_value=0, max_value=LEARNERS_MAX)
    passed = serializers.IntegerField(min_value=0, max_value=LEARNERS_MAX)
    mean_satisfaction = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        min_value=Decimal(1),
        max_value=Decimal(5),
        required=False,
        allow_null=True,
        default=None,
    )
    dropout_reasons = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")
    remarks = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")
    reply = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
