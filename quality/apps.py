from typing import Any

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


def reviews_or_submits(user: Any) -> bool:
    """Whether the person submits or reviews evaluation data somewhere: only they get "QA submissions"."""
    from quality.permissions import EVALUATION_VIEWERS
    from teams.permissions import course_ids_for_user

    return user.is_superuser or bool(course_ids_for_user(user, EVALUATION_VIEWERS))


def _know_evaluation_courses(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Read at login what the navigation asks on every page, so pages find it cached (until their roles change)."""
    reviews_or_submits(user)


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Quality assurance")

    def ready(self) -> None:
        from core.navigation import CourseTab, MainLink, course_tab, main_link
        from quality import occasions  # noqa: F401  (registers the reminder providers)
        from quality.permissions import EVALUATION_VIEWERS

        course_tab(CourseTab("decisions", _("Decisions"), "quality:decisions", order=40))
        # Translators: a course tab for the examination rules.
        course_tab(CourseTab("examination", _("Examination"), "quality:examination", order=50))
        course_tab(
            CourseTab("evaluation", _("Evaluation"), "quality:evaluation", tuple(sorted(EVALUATION_VIEWERS)), 70)
        )
        main_link(MainLink(_("QA submissions"), "quality:submissions", order=60, visible_to=reviews_or_submits))
        user_logged_in.connect(_know_evaluation_courses, dispatch_uid="quality-evaluation-courses")

        from django.db.models import Q

        from core.versions import registers_course_content as shown
        from quality import models as m

        model: type[Any]  # the models of a loop share only the fields its lambda reads
        for model in (m.Decision, m.EvaluationProcedure, m.Edition, m.ExaminationRules):
            shown(model, lambda row: [row.course_id])
        shown(m.Consent, lambda consent: Q(decisions=consent.decision_id))
        shown(m.EvaluationReport, lambda report: Q(editions=report.edition_id))
        for model in (m.AssessmentMethod, m.Award):  # and an award's required assessments
            shown(model, lambda row: Q(examination_rules=row.rules_id))
