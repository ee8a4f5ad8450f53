from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import UserAdmin
from accounts.models import User
from federation.models import FederationMetadata, IdentityProvider, LinkedIdentity
from federation.services import identity_unlink


class LinkedIdentityInline(admin.TabularInline):
    """A person's institutional identities on their user page; deleting a row unlinks it."""

    model = LinkedIdentity
    extra = 0
    fields = readonly_fields = ("protocol", "issuer", "subject", "created_at", "last_sign_in_at")
    verbose_name = _("linked identity")
    can_delete = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class FederatedUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, LinkedIdentityInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is LinkedIdentity:
            formset.save(commit=False)
            for identity in formset.deleted_objects:
                identity_unlink(actor=request.user, identity=identity)
            return
        super().save_formset(request, form, formset, change)


admin.site.unregister(User)
admin.site.register(User, FederatedUserAdmin)


@admin.register(LinkedIdentity)
class LinkedIdentityAdmin(admin.ModelAdmin):
    list_display = ["subject", "issuer", "protocol", "user", "last_sign_in_at"]
    list_filter = ["protocol"]
    search_fields = ["subject", "issuer", "user__email", "user__last_name"]
    list_select_related = ["user"]
    readonly_fields = ["user", "protocol", "issuer", "subject", "created_at", "last_sign_in_at"]
    actions = ["unlink"]

    def has_add_permission(self, request) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj) -> None:
        identity_unlink(actor=request.user, identity=obj)

    @admin.action(description=_("Unlink the selected identities"), permissions=["delete"])
    def unlink(self, request, queryset) -> None:
        identities = list(queryset)
        for identity in identities:
            identity_unlink(actor=request.user, identity=identity)
        count = len(identities)
        self.message_user(
            request, ngettext("%d identity unlinked.", "%d identities unlinked.", count) % count, messages.SUCCESS
        )


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "entity_id", "country"]
    search_fields = ["name", "entity_id"]
    readonly_fields = ["entity_id", "name", "country", "scopes"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(FederationMetadata)
class FederationMetadataAdmin(admin.ModelAdmin):
    list_display = ["source", "fetched_at", "valid_until", "digest"]
    exclude = ["xml"]
    readonly_fields = ["source", "fetched_at", "valid_until", "digest"]

    def has_add_permission(self, request) -> bool:
        return False
