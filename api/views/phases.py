"""Phases, milestones and tasks of a course; a task's status; work logs on a task."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from api.serializers.phases import (
    MilestoneSerializer,
    PhaseSerializer,
    TaskSerializer,
    TaskStatusSerializer,
    WorkLogCreateSerializer,
    WorkLogSerializer,
)
from api.views.base import CourseAPIView
from phases import permissions as rules
from phases import selectors, services
from phases.models import Milestone, Phase, Task, WorkLog
from phases.services.task_row import ONLY_ASSIGNEES_LOG
from teams import permissions as perm

NO_STATUS_CHANGE = _("Only the task's assignees and the course leader change its status.")


class PhaseList(CourseAPIView, generics.ListAPIView):
    """The course's phases in their order, with the status derived from their dates and today."""

    serializer_class = PhaseSerializer
    pagination_class = None

    def get_queryset(self):
        if self.schema_only:
            return Phase.objects.none()
        return selectors.course_phases(course=self.course)


class MilestoneFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(field_name="phase__kind", choices=Phase.Kind.choices)
    completed = django_filters.BooleanFilter(field_name="completed_on", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Milestone
        fields = ["phase", "completed"]


class MilestoneList(CourseAPIView, generics.ListAPIView):
    """The course's milestones (dated commitments inside a phase, with their owner)."""

    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter

    def get_queryset(self):
        if self.schema_only:
            return Milestone.objects.none()
        return Milestone.objects.filter(phase__course=self.course).select_related("phase", "owner__user")


class TaskFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(field_name="phase__kind", choices=Phase.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Task.Status.choices)
    mine = django_filters.BooleanFilter(field_name="is_mine", label="Only tasks assigned to the caller")

    class Meta:
        model = Task
        fields = ["phase", "status", "mine"]


def _visible_tasks(view: CourseAPIView):
    tasks = selectors.task_list_for_user(user=view.request.user).filter(phase__course=view.course)
    if perm.VIEW_ALL_TASKS not in view.course_perms:
        tasks = tasks.filter(is_mine=True)  # type: ignore[misc]  # annotated by task_list_for_user
    return tasks


class TaskList(CourseAPIView, generics.ListAPIView):
    """The tasks the caller may see: all of them with the right to see every task, else those assigned to them."""

    serializer_class = TaskSerializer
    filterset_class = TaskFilter

    def get_queryset(self):
        if self.schema_only:
            return Task.objects.none()
        return _visible_tasks(self)


class TaskMixin(CourseAPIView):
    def get_task(self) -> Task:
        task = selectors.task_for_user(
            course=self.course, pk=self.kwargs["pk"], user=self.request.user, perms=self.course_perms
        )
        if task is None:
            raise Http404("No task found.")
        return task


class TaskDetail(TaskMixin, generics.GenericAPIView):
    """One task; an assignee or the course leader changes its status (to do, in progress, blocked, done)."""

    serializer_class = TaskSerializer

    def get(self, request, *args, **kwargs):
        return Response(TaskSerializer(self.get_task(), context=self.get_serializer_context()).data)

    @extend_schema(request=TaskStatusSerializer, responses=TaskSerializer)
    def patch(self, request, *args, **kwargs):
        task = self.get_task()
        if not rules.can_set_status(user=request.user, perms=self.course_perms, task=task):
            raise PermissionDenied(NO_STATUS_CHANGE)
        data = TaskStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.task_set_status(actor=request.user, task=task, status=data.validated_data["status"])
        return Response(TaskSerializer(self.get_task(), context=self.get_serializer_context()).data)


class WorkLogList(TaskMixin, generics.ListCreateAPIView):
    """The work logged on a task; an assignee logs work (a day not in the future, at most 24 hours a day)."""

    serializer_class = WorkLogSerializer
    write_permission = perm.LOG_WORK

    def get_queryset(self):
        if self.schema_only:
            return WorkLog.objects.none()
        return WorkLog.objects.filter(task=self.get_task()).select_related("user")

    @extend_schema(request=WorkLogCreateSerializer, responses={201: WorkLogSerializer})
    def post(self, request, *args, **kwargs):
        task = self.get_task()
        if not rules.can_log_work(user=request.user, perms=self.course_perms, task=task):
            raise PermissionDenied(ONLY_ASSIGNEES_LOG)
        data = WorkLogCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        log = services.work_log_create(actor=request.user, task=task, **data.validated_data)
        log = WorkLog.objects.select_related("user").get(pk=log.pk)
        return Response(WorkLogSerializer(log).data, status=status.HTTP_201_CREATED)
