from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = "Course teams"

    def ready(self) -> None:
        from core.navigation import CourseTab, course_tab

        course_tab(CourseTab("overview", "Overview", "teams:course_detail", order=0))
        course_tab(CourseTab("team", "Team", "teams:team", permission="manage_team", order=10))
        course_tab(CourseTab("history", "History", "teams:history", permission="view_history", order=90))
