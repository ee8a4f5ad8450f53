from django.contrib import admin

from reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "occasion", "created_at", "sent_at", "read_at", "attempts"]
    list_filter = ["kind", "sent_at", "read_at"]
    search_fields = ["title", "recipient__email"]
    autocomplete_fields = ["recipient", "course"]
    readonly_fields = ["created_at"]
    list_select_related = ["recipient"]
