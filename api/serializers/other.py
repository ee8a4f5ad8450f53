"""Support consultations and the caller's reminders as the API shows them."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers.teams import InstitutionSerializer
from reminders.models import Reminder
from support.models import Consultation


class ConsultationSerializer(serializers.ModelSerializer):
    institution = InstitutionSerializer()
    is_lapsed = serializers.BooleanField(help_text="Past its due date and not held.")

    class Meta:
        model = Consultation
        fields = [
            "id", "institution", "kind", "status", "requested_on", "due_by", "held_on", "outcome",
            "follow_up_actions", "is_lapsed",
        ]  # fmt: skip


class ReminderSerializer(serializers.ModelSerializer):
    course = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()
    is_read = serializers.BooleanField()

    class Meta:
        model = Reminder
        fields = ["id", "kind", "title", "course", "url", "created_at", "sent_at", "is_read"]

    def get_url(self, reminder: Reminder) -> str:
        return self.context["request"].build_absolute_uri(reminder.url) if reminder.url else ""
