from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

import teams.admin_affiliations  # noqa: F401 (registers the affiliation and institution role pages)
from teams import grants
from teams import services as team_services
from teams.models import (
    Affiliation,
    Course,
    CourseGrant,
    Faculty,
    Institution,
    InstitutionDomain,
    InstitutionRole,
    Membership,
    Network,
    Partnership,
    StakeholderOrganisation,
    TeamFoundation,
)
from teams.permissions import ALL_COURSE_PERMISSIONS
from teams.purge import course_purge, course_purge_inventory


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class FacultyInline(admin.TabularInline):
    model = Faculty
    extra = 0


class InstitutionDomainInline(admin.TabularInline):
    model = InstitutionDomain
    extra = 0


class ReadOnlyInline(admin.TabularInline):
    """Rows written only through services: shown here, changed on their own admin pages."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class InstitutionAffiliationInline(ReadOnlyInline):
    model = Affiliation
    fields = readonly_fields = ("user", "kind", "method", "verified_by", "verified_at")


class InstitutionRoleInline(ReadOnlyInline):
    model = InstitutionRole
    fields = readonly_fields = ("user", "role", "granted_by", "created_at")


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "country", "schac_home_organisation", "erasmus_code", "pic", "ror_id"]
    list_filter = ["country", "networks"]
    search_fields = [
        "name",
        "short_name",
        "schac_home_organisation",
        "erasmus_code",
        "pic",
        "ror_id",
        "domains__domain",
    ]
    filter_horizontal = ["networks"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "country", "networks"]}),
        (_("Identifiers"), {"fields": ["schac_home_organisation", "erasmus_code", "pic", "ror_id"]}),
    ]
    inlines = [InstitutionDomainInline, FacultyInline, InstitutionAffiliationInline, InstitutionRoleInline]


@admin.register(Faculty)
class FacultyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "institution"]
    list_select_related = ["institution"]
    list_filter = ["institution"]
    search_fields = ["name", "institution__name"]
    autocomplete_fields = ["institution"]


@admin.register(StakeholderOrganisation)
class StakeholderOrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["institution", "faculty"]


class MembershipInline(ReadOnlyInline):
    """Memberships change on the team page, through the services that keep permissions derived."""

    model = Membership
    fields = readonly_fields = ("user", "role", "institution", "organisation", "co_creation_aspects")


class CourseGrantInline(ReadOnlyInline):
    model = CourseGrant
    fk_name = "course"
    fields = readonly_fields = ("user", "permission", "granted_by", "note", "created_at")


class TeamFoundationInline(admin.StackedInline):
    model = TeamFoundation
    extra = 0


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    """One-off permissions are given on the Course grants page (records the rows are derived from)."""

    list_display = [
        "title",
        "lead_institution",
        "ects_credits",
        "eqf_level",
        "delivery_mode",
        "created_at",
        "archived_at",
    ]
    list_filter = [("archived_at", admin.EmptyFieldListFilter), "delivery_mode", "eqf_level", "lead_institution"]
    search_fields = ["title", "slug", "lead_institution__name"]
    autocomplete_fields = ["lead_institution"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnershipInline, MembershipInline, CourseGrantInline, TeamFoundationInline]
    list_select_related = ["lead_institution"]
    actions = ["purge"]

    def has_delete_permission(self, request, obj=None) -> bool:
        """No plain delete: people's work is protected from cascades; a superuser purges, after a confirmation."""
        return False

    @admin.action(description=_("Purge selected archived courses, with everything recorded in them"))
    def purge(self, request, queryset):
        if not request.user.is_superuser:
            self.message_user(request, gettext("Only a superuser may purge a course."), messages.ERROR)
            return None
        courses = list(queryset)
        current = [c for c in courses if c.archived_at is None]
        if current:
            # A course is archived first (by its leader or an admin, on the course's page): a purge never takes a
            # course in use by surprise.
            self.message_user(
                request,
                ngettext(
                    "Only an archived course can be purged; archive it first (on its page): %(courses)s.",
                    "Only archived courses can be purged; archive them first (on their pages): %(courses)s.",
                    len(current),
                )
                % {"courses": ", ".join(f"“{c}”" for c in current)},
                messages.ERROR,
            )
            return None
        if request.POST.get("confirm") != "purge":
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("Purge courses"),
                "opts": self.model._meta,
                "courses": [(c, course_purge_inventory(course=c)) for c in courses],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/teams/course/purge_confirmation.html", context)
        for course in courses:
            gone = course_purge(actor=request.user, course=course)
            if gone:
                message = gettext("Purged “%(course)s”: %(summary)s.") % {
                    "course": course,
                    "summary": ", ".join(text for text, _n in gone),
                }
            else:
                message = gettext("Purged “%(course)s”: nothing else.") % {"course": course}
            self.message_user(request, message, messages.SUCCESS)
        return None


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin):
    list_display = [
        "course",
        "institution",
        "role",
        "faculty",
        "educational_support",
        "technological_support",
        "organisational_support",
    ]
    list_filter = ["role", "educational_support", "technological_support", "organisational_support"]
    search_fields = ["course__title", "institution__name"]
    autocomplete_fields = ["course", "institution", "faculty"]
    list_select_related = ["course", "institution", "faculty__institution"]  # a faculty's name shows its institution


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    """Read-only: roles change on the team page; a delete here goes through ``membership_remove``."""

    list_display = ["user", "course", "role", "institution", "organisation"]
    list_filter = ["role", "course"]
    search_fields = ["user__email", "user__last_name", "course__title"]
    autocomplete_fields = ["user", "course", "institution", "organisation"]
    list_select_related = ["user", "course", "institution", "organisation"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        self._remove(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for membership in queryset.select_related("course", "user"):
            self._remove(request, membership)

    def _remove(self, request, membership) -> None:
        try:
            team_services.membership_remove(actor=request.user, membership=membership)
        except ValidationError as error:  # the leader, or milestones that need a successor: the team page asks
            self.message_user(
                request,
                gettext("%(membership)s: %(reasons)s")
                % {"membership": membership, "reasons": " ".join(error.messages)},
                level=messages.ERROR,
            )


def _permission_choices() -> list[tuple[str, str]]:
    """Each course permission by its name in the admin's language (``Course.Meta.permissions``), then its code."""
    names = dict(Course._meta.permissions)
    return sorted((code, f"{names[code]} ({code})" if code in names else code) for code in ALL_COURSE_PERMISSIONS)


class CourseGrantForm(forms.ModelForm):
    permission = forms.ChoiceField(label=_("Permission"), choices=_permission_choices)

    class Meta:
        model = CourseGrant
        fields = ["course", "user", "permission", "note"]


@admin.register(CourseGrant)
class CourseGrantAdmin(SimpleHistoryAdmin):
    """One-off permissions (e.g. an auditor's view), given and withdrawn through ``teams.grants``."""

    form = CourseGrantForm
    list_display = ["user", "course", "permission", "granted_by", "created_at"]
    list_filter = ["permission"]
    search_fields = ["user__email", "course__title"]
    autocomplete_fields = ["course", "user"]
    list_select_related = ["user", "course", "granted_by"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        grant = grants.course_grant_add(
            actor=request.user, course=obj.course, user=obj.user, permission=obj.permission, note=obj.note
        )
        obj.pk = grant.pk

    def delete_model(self, request, obj) -> None:
        grants.course_grant_remove(actor=request.user, grant=obj)

    def delete_queryset(self, request, queryset) -> None:
        for grant in queryset:
            grants.course_grant_remove(actor=request.user, grant=grant)


@admin.register(TeamFoundation)
class TeamFoundationAdmin(SimpleHistoryAdmin):
    list_display = ["course", "kind", "description"]
    list_select_related = ["course"]
    list_filter = ["kind"]
    search_fields = ["course__title", "description"]
    autocomplete_fields = ["course"]


class UserAffiliationInline(ReadOnlyInline):
    """A person's affiliations on their user page; recorded on the Affiliation admin page, through the service."""

    model = Affiliation
    fk_name = "user"
    fields = readonly_fields = ("institution", "kind", "method", "verified_by", "verified_at")


# accounts imports no domain app, so the user page gets its affiliations from here.
user_admin = admin.site._registry[get_user_model()]
user_admin.inlines = [*user_admin.inlines, UserAffiliationInline]  # type: ignore[misc]  # the registered instance's own
