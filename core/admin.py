"""The outbox in the admin: what waits, what failed and why, and a way to run a message again."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
        self.message_user(request, f"{len(ids)} message(s) due again; {handed} handed to the worker.", messages.INFO)
