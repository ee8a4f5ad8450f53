"""Phases, milestones, tasks and work logs as the API shows and accepts them."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.teams import MemberSerializer
from phases.forms import WorkLogForm
from phases.models import Milestone, Phase, PhaseStatus, Task, WorkLog
from teams.models import CoCreationAspect

_HOURS = cast(forms.DecimalField, WorkLogForm.base_fields["hours"])  # the same limits and messages as the page's form


class PhaseSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()

    class Meta:
        model = Phase
        fields = ["id", "kind", "planned_start", "planned_end", "actual_start", "actual_end", "status"]

    @extend_schema_field(serializers.ChoiceField(choices=PhaseStatus.choices))
    def get_status(self, phase: Phase) -> str:
        return phase.status_on(timezone.localdate())


class MilestoneSerializer(serializers.ModelSerializer):
    phase = serializers.CharField(source="phase.kind")
    owner = serializers.CharField(source="owner.user.display_name")

    class Meta:
        model = Milestone
        fields = ["id", "phase", "title", "due_on", "owner", "completed_on"]


class TaskSerializer(serializers.ModelSerializer):
    phase = serializers.CharField(source="phase.kind")
    assignees = MemberSerializer(many=True, read_only=True)
    hours_logged = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    is_mine = serializers.BooleanField(read_only=True, help_text="Whether the caller is assigned to it.")
    co_creation_aspect = serializers.ChoiceField(choices=CoCreationAspect.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id", "phase", "title", "description", "assignees", "due_on", "status", "co_creation_aspect",
            "hours_logged", "is_mine",
        ]  # fmt: skip
        read_only_fields = ["title", "description", "due_on"]


class TaskStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Task.Status.choices)


class WorkLogSerializer(serializers.ModelSerializer):
    member = serializers.CharField(source="user.display_name", read_only=True)  # also once they left the team
    hours = serializers.DecimalField(max_digits=4, decimal_places=2, read_only=True)

    class Meta:
        model = WorkLog
        fields = ["id", "date", "hours", "note", "member", "created_at"]
        read_only_fields = ["created_at"]


class WorkLogCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    hours = serializers.DecimalField(
        max_digits=_HOURS.max_digits,
        decimal_places=_HOURS.decimal_places,
        min_value=_HOURS.min_value,
        max_value=_HOURS.max_value,
        error_messages={
            "min_value": _HOURS.error_messages["min_value"],
            "max_value": _HOURS.error_messages["max_value"],
        },
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
