from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from support.models import (
    Agreement,
    AgreementSignature,
    ApprovalStep,
    Consultation,
    DeliveryPlatform,
    ServiceContact,
    TaskForceMember,
)
from support.services.task_force import task_force_member_remove


@admin.register(ServiceContact)
class ServiceContactAdmin(SimpleHistoryAdmin):
    list_display = ["institution", "kind", "unit", "name", "email"]
    list_filter = ["kind", "institution"]
    search_fields = ["institution__name", "institution__short_name", "unit", "name", "email"]
    list_select_related = ["institution"]
    autocomplete_fields = ["institution"]


@admin.register(Consultation)
class ConsultationAdmin(SimpleHistoryAdmin):
    list_display = ["course", "institution", "kind", "status", "requested_on", "due_by", "held_on"]
    list_filter = ["status", "kind"]
    search_fields = ["course__title", "institution__name"]
    list_select_related = ["course", "institution"]
    raw_id_fields = ["course", "institution", "requested_by"]
    readonly_fields = ["request_sent_at"]


@admin.register(TaskForceMember)
class TaskForceMemberAdmin(SimpleHistoryAdmin):
    """Read-only: seats give permissions (teams.derivation), so they change through the task-force services."""

    list_display = ["course", "institution", "kind", "user"]
    list_filter = ["kind"]
    search_fields = ["course__title", "user__email"]
    list_select_related = ["course", "institution", "user"]
    raw_id_fields = ["course", "institution", "user", "contact"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        task_force_member_remove(actor=request.user, member=obj)

    def delete_queryset(self, request, queryset) -> None:
        for member in queryset:
            task_force_member_remove(actor=request.user, member=member)


@admin.register(ApprovalStep)
class ApprovalStepAdmin(SimpleHistoryAdmin):
    list_display = ["course", "institution", "step", "status", "started_on", "completed_on"]
    list_filter = ["step", "status"]
    list_select_related = ["course", "institution"]
    raw_id_fields = ["course", "institution"]


@admin.register(DeliveryPlatform)
class DeliveryPlatformAdmin(SimpleHistoryAdmin):
    list_display = ["course", "name", "host_institution"]
    list_select_related = ["course", "host_institution"]
    raw_id_fields = ["course", "host_institution"]


class SignatureInline(admin.TabularInline):
    model = AgreementSignature
    extra = 0
    raw_id_fields = ["institution"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "course", "kind"]
    list_filter = ["kind"]
    list_select_related = ["course"]
    raw_id_fields = ["course"]
    inlines = [SignatureInline]
