"""Courses the caller may see, one course, its partnerships and its team."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from rest_framework import generics
from rest_framework.response import Response

from api.serializers.teams import CourseSerializer, MemberSerializer, PartnershipSerializer
from api.views.base import CourseAPIView
from teams.filters import ARCHIVED, CURRENT
from teams.models import Course, Membership, Partnership
from teams.selectors import course_list_for_user


class CourseFilter(django_filters.FilterSet):
    delivery_mode = django_filters.ChoiceFilter(choices=Course.DeliveryMode.choices)
    role = django_filters.ChoiceFilter(field_name="my_role", choices=Membership.Role.choices, label="My role")
    lead_institution = django_filters.NumberFilter(field_name="lead_institution_id")
    # As the "My courses" page (teams.filters), except that no value lists every course: a client that synchronises
    # the courses keeps seeing the archived ones unless it asks for one state.
    state = django_filters.ChoiceFilter(
        choices=[(CURRENT, "Current courses"), (ARCHIVED, "Archived courses")],
        method="filter_state",
        label="Current (not archived) or archived courses; every course when not given.",
    )

    class Meta:
        model = Course
        fields = ["delivery_mode", "role", "lead_institution", "state"]

    def filter_state(self, queryset: QuerySet[Course], name: str, value: str) -> QuerySet[Course]:
        return queryset.filter(archived_at__isnull=value == CURRENT)


class CourseList(generics.ListAPIView):
    """The courses the caller is a member of (every course, for an admin)."""

    serializer_class = CourseSerializer
    filterset_class = CourseFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Course.objects.none()
        return course_list_for_user(user=self.request.user)


class CourseDetail(CourseAPIView):
    """One course with its profile: credits, level, languages, delivery mode, horizon, lead and partners."""

    serializer_class = CourseSerializer

    def get(self, request, *args, **kwargs):
        course = course_list_for_user(user=request.user).get(pk=self.course.pk)
        return Response(self.get_serializer(course).data)


class PartnershipList(CourseAPIView, generics.ListAPIView):
    """The lead and partner institutions of the course, with their confirmed support."""

    serializer_class = PartnershipSerializer
    pagination_class = None

    def get_queryset(self):
        if self.schema_only:
            return Partnership.objects.none()
        return Partnership.objects.filter(course=self.course).select_related("institution", "faculty")


class MemberFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Membership.Role.choices)
    institution = django_filters.NumberFilter(field_name="institution_id")

    class Meta:
        model = Membership
        fields = ["role", "institution"]


class MemberList(CourseAPIView, generics.ListAPIView):
    """The course team: each person's role and the institution or organisation they represent."""

    serializer_class = MemberSerializer
    filterset_class = MemberFilter

    def get_queryset(self):
        if self.schema_only:
            return Membership.objects.none()
        return Membership.objects.filter(course=self.course).select_related("user", "institution", "organisation")
