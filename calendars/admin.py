from django.contrib import admin

from calendars.models import CalendarFeed


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """The secret token is not shown: an admin revokes a feed by deleting it (the person makes a new one)."""

    list_display = ["user", "course", "created_at", "updated_at", "last_fetched_at"]
    search_fields = ["user__email", "course__title"]
    list_select_related = ["user", "course"]
    exclude = ["token"]
    readonly_fields = ["user", "course", "last_fetched_at"]
