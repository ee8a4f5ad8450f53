from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from teams.models import (
    Course,
    Faculty,
    Institution,
    Membership,
    Network,
    Partnership,
    StakeholderOrganisation,
    TeamFoundation,
)


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class FacultyInline(admin.TabularInline):
    model = Faculty
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "country"]
    list_filter = ["country", "networks"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["networks"]
    inlines = [FacultyInline]


@admin.register(Faculty)
class FacultyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "institution"]
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


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "institution", "organisation"]
    fields = ["user", "role", "institution", "organisation", "co_creation_aspects"]


class TeamFoundationInline(admin.StackedInline):
    model = TeamFoundation
    extra = 0


@admin.register(Course)
class CourseAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    """Guardian's object-permission admin lets an admin grant a one-off permission, e.g. an auditor's view."""

    list_display = ["title", "lead_institution", "ects_credits", "eqf_level", "delivery_mode", "created_at"]
    list_filter = ["delivery_mode", "eqf_level", "lead_institution"]
    search_fields = ["title", "slug", "lead_institution__name"]
    autocomplete_fields = ["lead_institution"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PartnershipInline, MembershipInline, TeamFoundationInline]
    list_select_related = ["lead_institution"]


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
    list_select_related = ["course", "institution", "faculty"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    """Direct edits here bypass the services; prefer the team page, which keeps permissions in step."""

    list_display = ["user", "course", "role", "institution", "organisation"]
    list_filter = ["role", "course"]
    search_fields = ["user__email", "user__last_name", "course__title"]
    autocomplete_fields = ["user", "course", "institution", "organisation"]
    list_select_related = ["user", "course", "institution", "organisation"]


@admin.register(TeamFoundation)
class TeamFoundationAdmin(SimpleHistoryAdmin):
    list_display = ["course", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["course__title", "description"]
    autocomplete_fields = ["course"]
