"""Admin: documents are read here; only admins purge one for good (files included)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from documents.models import Document, DocumentVersion
from documents.services import document_purge


class VersionInline(admin.TabularInline):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = readonly_fields = ("number", "original_name", "content_type", "size", "uploaded_by", "uploaded_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "course", "kind", "created_by", "created_at", "deleted_at"]
    list_filter = ["kind", ("deleted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["course", "created_by"]
    search_fields = ["title", "course__title"]
    readonly_fields = ["course", "kind", "vision", "agreement", "decision", "task", "report", "created_by",
                       "deleted_at", "deleted_by"]  # fmt: skip
    inlines = [VersionInline]
    actions = ["purge"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the purge action removes the files as well as the rows

    @admin.action(description=_("Purge for good: remove the documents, every version and their files"))
    def purge(self, request, queryset) -> None:
        if not request.user.is_superuser:
            self.message_user(request, _("Only administrators purge documents."), messages.ERROR)
            return
        files = sum(document_purge(actor=request.user, document=d) for d in queryset)
        self.message_user(
            request,
            ngettext("%(n)s file removed for good.", "%(n)s files removed for good.", files) % {"n": files},
            messages.SUCCESS,
        )
