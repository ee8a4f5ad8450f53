from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from core.navigation import CoursePanel, CourseTab, course_panel, course_tab
        from governance import occasions  # noqa: F401  (registers the reminder providers)
        from governance.panels import next_gate_panel
        from governance.services.gates import gate_required_refusal
        from phases.guards import register_start_guard

        course_tab(CourseTab("governance", _("Governance"), "governance:gates", order=35))
        course_panel(CoursePanel("governance_gate", "governance/panels/next_gate.html", next_gate_panel, order=25))
        register_start_guard(gate_required_refusal)

        from governance import signals
        from governance.events import on_gate_passed

        signals.gate_passed.connect(on_gate_passed, dispatch_uid="webhooks.gate_passed")

        from django.apps import apps

        if apps.is_installed("credentials"):  # the EU standard elements, where that app is part of the installation
            from governance.credentials_gate import eu_elements_condition
            from governance.models.gates import Gate
            from governance.selectors.gates import register_condition

            register_condition(Gate.IMPLEMENTATION, eu_elements_condition)

        from django.db.models import Q

        from core.versions import registers_course_content as shown
        from governance import models as m

        model: type[Any]  # the models of a loop share only the fields its lambda reads
        for model in (m.VisionVersion, m.GatePassage):
            shown(model, lambda row: [row.course_id])
        shown(m.VisionComment, lambda comment: Q(vision_versions=comment.vision_id))
        shown(m.AgreementClause, lambda clause: Q(agreements=clause.agreement_id))
