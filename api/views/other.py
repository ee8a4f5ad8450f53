"""Support consultations of a course, and the caller's own reminders."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from rest_framework import generics

from api.serializers.other import ConsultationSerializer, ReminderSerializer
from api.views.base import CourseAPIView
from reminders.models import Reminder
from support.models import Consultation, ServiceKind


class ConsultationFilter(django_filters.FilterSet):
    institution = django_filters.NumberFilter(field_name="institution_id")
    kind = django_filters.ChoiceFilter(choices=ServiceKind.choices)
    status = django_filters.ChoiceFilter(choices=Consultation.Status.choices)
    lapsed = django_filters.BooleanFilter(field_name="is_lapsed")

    class Meta:
        model = Consultation
        fields = ["institution", "kind", "status", "lapsed"]


class ConsultationList(CourseAPIView, generics.ListAPIView):
    """The course's engagements of each institution's support services; lapsed ones are flagged."""

    serializer_class = ConsultationSerializer
    filterset_class = ConsultationFilter

    def get_queryset(self):
        if self.schema_only:
            return Consultation.objects.none()
        return (
            Consultation.objects.filter(course=self.course)
            .with_lapsed(timezone.localdate())
            .select_related("institution")
        )


class ReminderFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull")

    class Meta:
        model = Reminder
        fields = ["unread"]


class ReminderList(generics.ListAPIView):
    """The caller's reminders (deadlines, overruns, lapsed consultations, missing data, waiting decisions)."""

    serializer_class = ReminderSerializer
    filterset_class = ReminderFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Reminder.objects.none()
        return Reminder.objects.filter(recipient=self.request.user).select_related("course")
