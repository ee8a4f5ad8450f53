"""Phase gates: both gates with their conditions checked from the records, and passing one."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from governance import permissions as rules
from governance.forms import GatePassForm
from governance.gate_texts import GATE_TEXTS
from governance.models.gates import Gate
from governance.selectors.gates import gate_views
from governance.services import gates as services
from governance.views.base import GovernancePage


class GatesView(GovernancePage):
    template_name = "governance/gates.html"
    section = "gates"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        gates = gate_views(course=self.course)
        failing = forms.get("gate_form")
        for view in gates:
            if failing is not None and view.gate == self.kwargs.get("gate"):
                view.form = failing
            else:
                view.form = GatePassForm(initial={"starts_on": timezone.localdate()}, auto_id=f"id_{view.gate}_%s")
        return {"gates": gates, "can_pass": rules.PASS_GATE in self.course_perms}


class GatePassView(GatesView):
    permission_required = rules.PASS_GATE

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("governance:gates", args=[self.course.slug]))

    def post(self, request, *args, **kwargs):
        gate = self.kwargs["gate"]
        if gate not in Gate.values:
            raise Http404("No such gate.")
        form = GatePassForm(request.POST, auto_id=f"id_{gate}_%s")
        return self.run(
            form,
            form_name="gate_form",
            action=lambda data: services.gate_pass(actor=request.user, course=self.course, gate=gate, **data),
            message=str(GATE_TEXTS[gate].moved),
            redirect_to=reverse("governance:gates", args=[self.course.slug]),
        )
