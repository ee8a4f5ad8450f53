from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quality.models import (
    AssessmentMethod,
    Award,
    Consent,
    Decision,
    Edition,
    EvaluationProcedure,
    EvaluationReport,
    ExaminationRules,
)


class ConsentInline(admin.TabularInline):
    """Read-only: an institution's position is recorded by its representative, through the decision services."""

    model = Consent
    extra = 0
    can_delete = False
    fields = ["institution", "position", "recorded_by"]
    readonly_fields = ("institution", "position", "recorded_by")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "course", "version", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "course__title"]
    list_select_related = ["course"]
    autocomplete_fields = ["course", "proposer"]
    inlines = [ConsentInline]


class AssessmentMethodInline(admin.TabularInline):
    model = AssessmentMethod
    extra = 0


@admin.register(ExaminationRules)
class ExaminationRulesAdmin(SimpleHistoryAdmin):
    list_display = ["course", "version", "status", "grading_system", "binding_since"]
    list_filter = ["status", "grading_system"]
    list_select_related = ["course"]
    search_fields = ["course__title"]
    raw_id_fields = ["adoption_decision"]
    inlines = [AssessmentMethodInline]


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "rules", "ects_credits", "minimum_grade"]
    list_select_related = ["rules__course"]


@admin.register(EvaluationProcedure)
class EvaluationProcedureAdmin(SimpleHistoryAdmin):
    list_display = ["course", "frequency"]
    list_select_related = ["course"]


@admin.register(Edition)
class EditionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "course", "starts_on", "ends_on"]
    list_select_related = ["course"]
    search_fields = ["name", "course__title"]


@admin.register(EvaluationReport)
class EvaluationReportAdmin(SimpleHistoryAdmin):
    list_display = ["edition", "institution", "status", "enrolled", "completed", "passed", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["edition", "institution"]
    raw_id_fields = ["edition", "submitted_by", "reviewed_by"]
    # The review (status, who, when) changes only through the QA officer's review service.
    readonly_fields = ["status", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"]
