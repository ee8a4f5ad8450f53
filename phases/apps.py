from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhasesConfig(AppConfig):
    name = "phases"
    verbose_name = _("Phases and tasks")

    def ready(self) -> None:
        from core.navigation import CourseTab, MainLink, course_tab, main_link
        from phases import occasions  # noqa: F401  (registers the reminder providers)

        course_tab(CourseTab("timeline", _("Timeline"), "phases:timeline", order=20))
        course_tab(CourseTab("effort", _("Effort"), "phases:effort", permission="view_effort", order=60))
        main_link(MainLink(_("My tasks"), "phases:my_tasks", order=10))
        # The overview's "Where we are" card is the attention app's: one list of what is late, of every kind.

        from django.db.models import Q

        from core.versions import registers_course_content as shown
        from phases import models as m

        shown(m.Phase, lambda phase: [phase.course_id])
        shown(m.Milestone, lambda milestone: Q(phases=milestone.phase_id))
        shown(m.Task, lambda task: Q(phases=task.phase_id))  # and its assignees
        shown(m.WorkLog, lambda log: Q(phases__tasks=log.task_id))
