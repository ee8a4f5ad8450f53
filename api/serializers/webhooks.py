"""Webhook subscriptions and their delivery log as the API shows and accepts them."""

from __future__ import annotations

from rest_framework import serializers

from webhooks.models import URL_MAX, Attempt, Delivery, EventType, Subscription


class SubscriptionSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=EventType.choices))
    secret = serializers.CharField(read_only=True, help_text="Verify each delivery's webhook-signature with it.")

    class Meta:
        model = Subscription
        fields = ["id", "url", "events", "description", "active", "allow_private_network", "secret", "created_at"]
        read_only_fields = ["created_at"]


class SubscriptionWriteSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=URL_MAX)
    events = serializers.ListField(child=serializers.ChoiceField(choices=EventType.choices), allow_empty=True)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    active = serializers.BooleanField(required=False, default=True)
    allow_private_network = serializers.BooleanField(
        required=False, default=False, help_text="Admins only: deliver to loopback or private addresses."
    )


class AttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attempt
        fields = ["attempted_at", "response_status", "response_body", "error", "duration_ms"]


class DeliverySerializer(serializers.ModelSerializer):
    message_id = serializers.CharField(source="event.message_id")
    event_type = serializers.CharField(source="event.type")
    payload = serializers.JSONField(source="event.payload")
    attempt_log = AttemptSerializer(many=True)

    class Meta:
        model = Delivery
        fields = [
            "id", "message_id", "event_type", "payload", "status", "attempts", "next_attempt_at", "delivered_at",
            "response_status", "last_error", "attempt_log",
        ]  # fmt: skip
