"""Admin: the records are read-mostly here; changes go through the pages, which check the rules."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import AgreementClause, GatePassage, VisionComment, VisionVersion


@admin.register(VisionVersion)
class VisionVersionAdmin(SimpleHistoryAdmin):
    list_display = ["course", "version", "adoption_decision", "created_by", "created_at"]
    list_select_related = ["course", "adoption_decision", "created_by"]
    raw_id_fields = ["course", "adoption_decision", "created_by"]


@admin.register(VisionComment)
class VisionCommentAdmin(SimpleHistoryAdmin):
    list_display = ["vision", "section", "author", "created_at"]
    list_select_related = ["vision__course", "author"]
    raw_id_fields = ["vision", "author", "institution"]


@admin.register(AgreementClause)
class AgreementClauseAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "item", "updated_by", "updated_at"]
    list_select_related = ["agreement", "updated_by"]
    raw_id_fields = ["agreement", "updated_by"]


@admin.register(GatePassage)
class GatePassageAdmin(SimpleHistoryAdmin):
    list_display = ["course", "gate", "passed_on", "passed_by"]
    list_select_related = ["course", "passed_by"]
    raw_id_fields = ["course", "passed_by"]
