from django.contrib import admin

from api.models import Token


@admin.register(Token)
class TokenAdmin(admin.ModelAdmin):
    """Admins see who holds which token and may revoke one; the secret is never stored, so never shown."""

    list_display = ["name", "user", "key", "scope", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "user__email", "key"]
    readonly_fields = ["user", "key", "created_at", "last_used_at"]
    fields = ["user", "name", "key", "scope", "expires_at", "created_at", "last_used_at", "revoked_at"]
