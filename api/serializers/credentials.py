"""The course's micro-credential profile and the caller's "what needs me" list as the API shows them."""

from __future__ import annotations

from rest_framework import serializers

from attention.items import DUE, LATE, WAITING


class ElementSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    complete = serializers.BooleanField()
    value = serializers.CharField()
    missing = serializers.CharField(help_text="What is missing, as a sentence (empty when complete).")
    per_learner = serializers.BooleanField(help_text="Given on each learner's credential, not by the course.")


class ProfileSerializer(serializers.Serializer):
    """Annex I of the Council Recommendation on micro-credentials: each mandatory element and its state."""

    complete = serializers.BooleanField(source="is_complete")
    complete_count = serializers.IntegerField()
    total = serializers.IntegerField()
    elements = ElementSerializer(many=True)
    exports = serializers.DictField(child=serializers.URLField(), help_text="ELM and Open Badges documents.")


class MissingSerializer(serializers.Serializer):
    """Why an export is refused (409): the profile's missing elements."""

    detail = serializers.CharField()
    missing = ElementSerializer(many=True)


class CourseRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()


class NeedSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="The reminder kind that tells of the same thing.")
    state = serializers.ChoiceField(choices=[(LATE, LATE), (DUE, DUE), (WAITING, WAITING)])
    course = CourseRefSerializer()
    label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    due_on = serializers.DateField(allow_null=True)
    detail = serializers.CharField()

    def get_url(self, item) -> str:
        return self.context["request"].build_absolute_uri(item.url)
