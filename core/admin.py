"""The outbox in the admin: what waits, what failed and why, and a way to run a message again."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "key", "created_at", "attempts", "available_at", "done_at", "last_error"]
    list_filter = ["kind", ("done_at", admin.EmptyFieldListFilter)]
    search_fields = ["kind", "key", "last_error"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["run_again"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Run again now (attempts start over)"))
    def run_again(self, request, queryset) -> None:
        from core import outbox

        pending = queryset.filter(done_at__isnull=True)
        ids = list(pending.values_list("pk", flat=True))
        pending.update(attempts=0, available_at=timezone.now())
        handed = sum(outbox.hand_over(pk) for pk in ids)
        text = ngettext(
            "%(count)d message due again; %(handed)d handed to the worker.",
            "%(count)d messages due again; %(handed)d handed to the worker.",
            len(ids),
        ) % {"count": len(ids), "handed": handed}
        self.message_user(request, text, messages.INFO)
