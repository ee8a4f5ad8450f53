"""Phases, milestones, tasks and work logs for administrators: find, inspect, and see each row's history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from phases.models import Milestone, Phase, Task, WorkLog


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Phase)
class PhaseAdmin(SimpleHistoryAdmin):
    list_display = ["course", "kind", "planned_start", "planned_end", "actual_start", "actual_end"]
    list_filter = ["kind"]
    search_fields = ["course__title", "course__slug"]
    list_select_related = ["course"]
    raw_id_fields = ["course"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "phase", "due_on", "completed_on"]
    search_fields = ["title", "phase__course__title"]
    list_select_related = ["phase__course"]
    raw_id_fields = ["phase", "owner"]
    date_hierarchy = "due_on"


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "phase", "status", "due_on"]
    list_filter = ["status", "phase__kind"]
    search_fields = ["title", "phase__course__title"]
    list_select_related = ["phase__course"]
    raw_id_fields = ["phase", "assignees"]


@admin.register(WorkLog)
class WorkLogAdmin(SimpleHistoryAdmin):
    list_display = ["task", "user", "member", "date", "hours"]
    search_fields = ["task__title", "user__email"]
    # Membership's name shows its user and course; WorkLog's its user: all joined, one query for the page.
    list_select_related = ["task__phase__course", "user", "member__user", "member__course"]
    raw_id_fields = ["task", "member", "user"]
    date_hierarchy = "date"
