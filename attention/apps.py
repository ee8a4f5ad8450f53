from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttentionConfig(AppConfig):
    name = "attention"
    verbose_name = _("What needs attention")

    def ready(self) -> None:
        from attention.panels import where_we_are_panel
        from core.navigation import CoursePanel, MainLink, course_panel, main_link

        main_link(MainLink(_("What needs me"), "attention:home", order=5))
        course_panel(CoursePanel("progress", "attention/_where_we_are.html", where_we_are_panel, order=10, wide=True))
