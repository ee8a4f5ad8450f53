from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Cross-institutional support")

    def ready(self) -> None:
        from core.navigation import CoursePanel, CourseTab, course_panel, course_tab
        from support import occasions  # noqa: F401  (registers the reminder providers)
        from support.panels import order_panel, task_force_panel

        course_tab(CourseTab("support", _("Support services"), "support:matrix", order=30))
        course_panel(CoursePanel("support_order", "support/panels/order.html", order_panel, order=30))
        course_panel(CoursePanel("support_task_force", "support/panels/task_force.html", task_force_panel, order=40))

        from django.db.models import Q

        from core.versions import registers_course_content as shown
        from support import models as m

        model: type[Any]  # the models of a loop share only the fields its lambda reads
        for model in (m.Consultation, m.TaskForceMember, m.ApprovalStep, m.DeliveryPlatform, m.Agreement):
            shown(model, lambda row: [row.course_id])
        shown(m.AgreementSignature, lambda signature: Q(agreements=signature.agreement_id))
        # An institution's contacts serve every course it takes part in.
        shown(m.ServiceContact, lambda contact: Q(partnerships__institution=contact.institution_id))

        # A task-force seat lets its holder see the course (teams.derivation): kept while any seat remains.
        from teams.derivation import connect_deletes, permission_source

        permission_source(task_force_source)
        connect_deletes(m.TaskForceMember)


def task_force_source(course_id: int, user_ids: set[int] | None) -> dict[int, set[str]]:
    from support.models import TaskForceMember
    from teams.permissions import VIEW

    rows = TaskForceMember.objects.filter(course_id=course_id)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    return {user_id: {VIEW} for user_id in rows.values_list("user_id", flat=True)}
