from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Course teams")

    def ready(self) -> None:
        from core.navigation import CourseTab, course_tab

        course_tab(CourseTab("overview", _("Overview"), "teams:course_detail", order=0))
        course_tab(CourseTab("team", _("Team"), "teams:team", permission="manage_team", order=10))
        course_tab(CourseTab("history", _("History"), "teams:history", permission="view_history", order=90))
        register_course_content()
        register_permission_sources()


def register_permission_sources() -> None:
    """Memberships and one-off grants give permissions on a course; a delete of either re-derives them."""
    from teams import models as m
    from teams.derivation import connect_deletes, grants_source, memberships_source, permission_source

    permission_source(memberships_source)
    permission_source(grants_source)
    connect_deletes(m.Membership)
    connect_deletes(m.CourseGrant)


def register_course_content() -> None:
    """What each row of this app changes on the course pages (core.versions); names and team changes count."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from core.versions import not_shown_on_course_pages
    from core.versions import registers_course_content as shown
    from teams import models as m

    shown(m.Course, lambda course: [course.pk])
    model: type[Any]  # the models of a loop share only the fields its lambda reads
    for model in (m.Partnership, m.Membership, m.TeamFoundation):
        shown(model, lambda row: [row.course_id])
    for model in (m.CourseUserObjectPermission, m.CourseGroupObjectPermission):
        shown(model, lambda row: [row.content_object_id])
    _count_in_user_courses(m.CourseUserObjectPermission)
    shown(m.Institution, lambda i: Q(partnerships__institution=i.pk) | Q(lead_institution=i.pk))
    shown(m.Network, lambda n: Q(partnerships__institution__networks=n.pk))
    shown(m.Faculty, lambda f: Q(partnerships__faculty=f.pk))
    # Who may keep an institution's contacts shows on every course of that institution (the "Edit" links), and
    # whether a person may start courses is kept with their list of courses (the dashboard's "New course").
    for model in (m.Affiliation, m.InstitutionRole):
        shown(model, lambda row: Q(partnerships__institution=row.institution_id))
        _count_in_user_courses(model)
    not_shown_on_course_pages("teams.InstitutionDomain", "teams.AffiliationRequest", "teams.CourseGrant")
    shown(m.StakeholderOrganisation, lambda o: Q(memberships__organisation=o.pk))
    # A person's name appears on their courses' pages; logging in (last_login) or a new password changes nothing.
    shown(get_user_model(), lambda u: Q(memberships__user=u.pk), ignore_update_fields={"last_login", "password"})


def _count_in_user_courses(model) -> None:
    """A grant or revocation changes the user's list of courses (teams.permissions.course_ids_for_user)."""
    from django.db.models.signals import post_delete, post_save

    from core.versions import bump_user_courses

    def changed(sender, instance, **kwargs) -> None:
        bump_user_courses([instance.user_id])

    label = model._meta.label
    post_save.connect(changed, sender=model, dispatch_uid=f"user-courses-version:save:{label}", weak=False)
    post_delete.connect(changed, sender=model, dispatch_uid=f"user-courses-version:delete:{label}", weak=False)
