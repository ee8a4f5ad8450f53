from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = _("Micro-credential")

    def ready(self) -> None:
        from core.navigation import CourseNotice, CoursePanel, CourseTab, course_notice, course_panel, course_tab
        from credentials.panels import completeness_panel, implementation_notices
        from teams import permissions as perm

        course_tab(CourseTab("credential", _("Micro-credential"), "credentials:profile", order=60))
        course_panel(
            CoursePanel("credential", "credentials/panels/completeness.html", completeness_panel, perm.VIEW, order=5)
        )
        course_notice(CourseNotice("credential_incomplete", "phases:plan", implementation_notices))

        from credentials.history import credential_history
        from teams.selectors import course_history_source

        course_history_source(credential_history)

        from django.db.models import Q

        from core.versions import registers_course_content as shown
        from credentials import models as m

        shown(m.CredentialProfile, lambda row: [row.course_id])
        shown(m.LearningOutcome, lambda row: Q(credential_profile=row.profile_id))
