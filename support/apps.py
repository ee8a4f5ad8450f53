from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = "Cross-institutional support"

    def ready(self) -> None:
        from core.navigation import CoursePanel, CourseTab, course_panel, course_tab
        from support import occasions  # noqa: F401  (registers the reminder providers)
        from support.panels import order_panel, task_force_panel

        course_tab(CourseTab("support", "Support services", "support:matrix", order=30))
        course_panel(CoursePanel("support_order", "support/panels/order.html", order_panel, order=30))
        course_panel(CoursePanel("support_task_force", "support/panels/task_force.html", task_force_panel, order=40))
