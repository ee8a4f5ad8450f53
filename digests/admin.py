from django.contrib import admin

from digests.models import Digest, NoticePreference, NoticeSettings


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["recipient", "period", "starts_on", "created_at", "sent_at", "attempts"]
    list_filter = ["period", "sent_at"]
    search_fields = ["recipient__email"]
    list_select_related = ["recipient"]
    readonly_fields = ["created_at", "last_error"]


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "mode", "updated_at"]
    list_filter = ["mode", "kind"]
    search_fields = ["user__email"]
    list_select_related = ["user"]


@admin.register(NoticeSettings)
class NoticeSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone"]
    search_fields = ["user__email", "time_zone"]
    list_select_related = ["user"]
