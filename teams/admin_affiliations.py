"""The admin pages of verified affiliations and institution roles: both recorded and withdrawn only through
``teams.affiliations``. Imported by ``teams.admin``.
"""

from django import forms
from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from teams import affiliations
from teams.models import Affiliation, InstitutionRole


@admin.register(Affiliation)
class AffiliationAdmin(SimpleHistoryAdmin):
    """An admin records an affiliation through ``record_affiliation`` (method ADMIN, verified by them)."""

    list_display = ["user", "institution", "kind", "method", "verified_by", "verified_at"]
    list_filter = ["kind", "method", "institution"]
    search_fields = ["user__email", "user__last_name", "institution__name"]
    autocomplete_fields = ["user", "institution"]
    list_select_related = ["user", "institution", "verified_by"]
    fields = ["user", "institution", "kind", "note", "method", "verified_by", "verified_at"]
    readonly_fields = ["method", "verified_by", "verified_at"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "user", "institution"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change) -> None:
        saved = affiliations.record_affiliation(
            user=obj.user,
            institution=obj.institution,
            kind=obj.kind,
            method=Affiliation.Method.ADMIN,
            by=request.user,
            note=obj.note,
        )
        obj.pk, obj.method, obj.verified_by, obj.verified_at = (
            saved.pk,
            saved.method,
            saved.verified_by,
            saved.verified_at,
        )

    def delete_model(self, request, obj) -> None:
        affiliations.affiliation_end(actor=request.user, affiliation=obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            affiliations.affiliation_end(actor=request.user, affiliation=obj)


class InstitutionRoleAdminForm(forms.ModelForm):
    """Checks what the grant service would refuse, so the admin sees it at the field instead of an error page."""

    class Meta:
        model = InstitutionRole
        fields = ["user", "institution", "role"]

    def clean(self):
        data = super().clean()
        user, institution = data.get("user"), data.get("institution")
        if user and institution and not affiliations.has_staff_affiliation(user, institution):
            self.add_error("user", affiliations.ROLE_NEEDS_STAFF % {"person": user, "institution": institution})
        return data


@admin.register(InstitutionRole)
class InstitutionRoleAdmin(SimpleHistoryAdmin):
    """Granted and withdrawn through the services (a verified staff affiliation is required); never edited."""

    form = InstitutionRoleAdminForm

    list_display = ["user", "institution", "role", "granted_by", "created_at"]
    list_filter = ["role", "institution"]
    search_fields = ["user__email", "user__last_name", "institution__name"]
    autocomplete_fields = ["user", "institution"]
    list_select_related = ["user", "institution", "granted_by"]
    fields = ["user", "institution", "role"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser  # coordinators grant on their institution's page, admins here

    def save_model(self, request, obj, form, change) -> None:
        grant = affiliations.institution_role_grant(
            actor=request.user, user=obj.user, institution=obj.institution, role=obj.role
        )
        obj.pk, obj.granted_by, obj.created_at = grant.pk, grant.granted_by, grant.created_at or timezone.now()

    def delete_model(self, request, obj) -> None:
        affiliations.institution_role_revoke(actor=request.user, grant=obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            affiliations.institution_role_revoke(actor=request.user, grant=obj)
