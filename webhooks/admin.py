"""Admins keep webhook subscriptions here: those for all courses of an institution, and private addresses."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from webhooks import signing
from webhooks.addresses import check_url
from webhooks.models import Attempt, Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(SimpleHistoryAdmin):
    list_display = ["url", "course", "institution", "active", "allow_private_network"]
    list_filter = ["active", "allow_private_network"]
    search_fields = ["url", "course__title", "institution__name"]
    autocomplete_fields = ["course", "institution"]
    readonly_fields = ["secret", "created_by"]

    def save_model(self, request, obj, form, change):
        if not obj.secret:
            obj.secret = signing.new_secret()
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class CheckedForm(form):
            def clean(self):
                data = super().clean()
                if data.get("url"):
                    try:
                        check_url(data["url"], allow_private=bool(data.get("allow_private_network")))
                    except ValidationError as error:
                        self.add_error("url", error.message_dict["url"])
                return data

        return CheckedForm


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    readonly_fields = ["attempted_at", "response_status", "response_body", "error", "duration_ms"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "subscription", "status", "attempts", "delivered_at", "next_attempt_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    inlines = [AttemptInline]
