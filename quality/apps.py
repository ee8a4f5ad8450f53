from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = "Quality assurance"

    def ready(self) -> None:
        from core.navigation import CourseTab, MainLink, course_tab, main_link
        from quality import occasions  # noqa: F401  (registers the reminder providers)
        from quality.permissions import EVALUATION_VIEWERS

        course_tab(CourseTab("decisions", "Decisions", "quality:decisions", order=40))
        course_tab(CourseTab("examination", "Examination", "quality:examination", order=50))
        course_tab(CourseTab("evaluation", "Evaluation", "quality:evaluation", tuple(sorted(EVALUATION_VIEWERS)), 70))
        main_link(MainLink("QA submissions", "quality:submissions", order=60))
