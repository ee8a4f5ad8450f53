"""Admin: the profiles and their history (who changed what, when). Edits go through the course pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from credentials.models import CredentialProfile, LearningOutcome


class OutcomeInline(admin.TabularInline):
    model = LearningOutcome
    extra = 0
    fields = ("position", "text", "esco_uri")
    readonly_fields = fields
    can_delete = False


@admin.register(CredentialProfile)
class CredentialProfileAdmin(SimpleHistoryAdmin):
    list_display = ("course", "notional_hours", "qf_ehea_cycle", "awarding_mode", "updated_at")
    list_select_related = ("course",)
    search_fields = ("course__title",)
    readonly_fields = ("course", "awarding_decision")
    inlines = [OutcomeInline]

    def has_add_permission(self, request) -> bool:
        return False
