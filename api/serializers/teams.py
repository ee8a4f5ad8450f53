"""Courses, partnerships and team members as the API shows them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from teams.models import Course, Institution, Membership, Partnership


class InstitutionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", help_text="ISO 3166 country code.")

    class Meta:
        model = Institution
        fields = ["id", "name", "short_name", "country"]


class CourseSerializer(serializers.ModelSerializer):
    lead_institution = InstitutionSerializer()
    partner_institutions = serializers.SerializerMethodField()
    my_role = serializers.CharField(allow_null=True, help_text="The caller's role in the team (none for an admin).")
    web_url = serializers.SerializerMethodField()
    archived_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="When the course was archived (null while it is current): an archived course can be read, and "
        "every write to it is refused with 403.",
    )

    class Meta:
        model = Course
        fields = [
            "slug", "title", "summary", "lead_institution", "partner_institutions", "ects_credits", "eqf_level",
            "languages", "delivery_mode", "implementation_horizon_years", "my_role", "web_url", "archived_at",
        ]  # fmt: skip

    @extend_schema_field(InstitutionSerializer(many=True))
    def get_partner_institutions(self, course: Course) -> list[dict]:
        return InstitutionSerializer([p.institution for p in course.partner_list], many=True).data  # type: ignore[attr-defined]  # a Prefetch(to_attr=)

    def get_web_url(self, course: Course) -> str:
        return self.context["request"].build_absolute_uri(course.get_absolute_url())


class PartnershipSerializer(serializers.ModelSerializer):
    institution = InstitutionSerializer()
    faculty = serializers.CharField(source="faculty.name", allow_null=True, default=None)
    support_confirmed = serializers.BooleanField()

    class Meta:
        model = Partnership
        fields = [
            "id", "institution", "role", "faculty", "educational_support", "technological_support",
            "organisational_support", "support_confirmed",
        ]  # fmt: skip


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.display_name")
    institution = InstitutionSerializer(allow_null=True)
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)

    class Meta:
        model = Membership
        fields = ["id", "name", "role", "institution", "organisation", "co_creation_aspects"]
