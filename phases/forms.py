"""Forms validate shape; services validate the rules. Member choices are scoped to the course."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapMixin
from phases.models import PHASE_ORDER, Milestone, Phase, Task
from phases.services.plan import PlannedPhase
from teams.models import Course, Membership


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class MemberChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("Choose a member…"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Membership) -> str:
        # Translators: a course member in a dropdown, e.g. "Ana Silva (Partner representative, Univ. of Porto)".
        return gettext("%(name)s (%(role)s, %(represented)s)") % {
            "name": obj.user.display_name,
            "role": obj.get_role_display(),
            "represented": obj.represented,
        }


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        # Translators: a course member in a dropdown, e.g. "Ana Silva (Partner representative, Univ. of Porto)".
        return gettext("%(name)s (%(role)s, %(represented)s)") % {
            "name": obj.user.display_name,
            "role": obj.get_role_display(),
            "represented": obj.represented,
        }


def course_members(course: Course):
    return (
        Membership.objects.filter(course=course)
        .select_related("user", "institution", "organisation")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


class PlanStartForm(BootstrapMixin, forms.Form):
    """Where a proposed plan starts: design's first day."""

    prefix = "propose"
    start = forms.DateField(label=_("Design starts on"), widget=DateInput())


class PhasePlanForm(BootstrapMixin, forms.Form):
    """The three phases' planned dates, edited together so order and overlap are checked as a whole."""

    prefix = "plan"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in PHASE_ORDER:
            label = Phase.Kind(kind).label
            # Added after BootstrapMixin styled the declared fields, so they carry its class themselves.
            self.fields[f"{kind}_start"] = forms.DateField(
                label=gettext("%(phase)s starts") % {"phase": label}, widget=DateInput(attrs={"class": "form-control"})
            )
            self.fields[f"{kind}_end"] = forms.DateField(
                label=gettext("%(phase)s ends") % {"phase": label},
                widget=DateInput(attrs={"class": "form-control"}),
                help_text=gettext("The last day of the phase."),
            )

    @classmethod
    def initial_from(cls, plan: list[PlannedPhase]) -> dict:
        initial = {}
        for p in plan:
            initial[f"{p.kind}_start"], initial[f"{p.kind}_end"] = p.start, p.end
        return initial

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(str(Phase.Kind(k).label), self[f"{k}_start"], self[f"{k}_end"]) for k in PHASE_ORDER]

    def plan(self) -> list[PlannedPhase]:
        data = self.cleaned_data
        return [PlannedPhase(kind=k, start=data[f"{k}_start"], end=data[f"{k}_end"]) for k in PHASE_ORDER]


class PhaseActualForm(BootstrapMixin, forms.Form):
    """When the phase really started and ended (a plain form: the service compares with what is stored)."""

    prefix = "actual"
    actual_start = forms.DateField(label=_("Actually started on"), required=False, widget=DateInput())
    actual_end = forms.DateField(label=_("Completed on"), required=False, widget=DateInput())

    def __init__(self, *args, phase: Phase, **kwargs):
        kwargs.setdefault("initial", {"actual_start": phase.actual_start, "actual_end": phase.actual_end})
        super().__init__(*args, **kwargs)


class MilestoneForm(BootstrapMixin, forms.ModelForm):
    owner = MemberChoiceField(label=_("Owner"), queryset=Membership.objects.none())

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "owner", "completed_on"]
        labels = {"due_on": _("Due on"), "completed_on": _("Completed on")}
        widgets = {
            "due_on": DateInput(),
            "completed_on": DateInput(),
            "title": forms.TextInput(attrs={"maxlength": 200}),
        }

    def __init__(self, *args, course: Course, **kwargs):
        kwargs.setdefault("prefix", f"milestone-{kwargs['instance'].pk}" if kwargs.get("instance") else "milestone")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = course_members(course)
        if not self.instance.pk:
            del self.fields["completed_on"]


class TaskForm(BootstrapMixin, forms.ModelForm):
    assignees = MembersChoiceField(
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Assignees"),
        help_text=_("Learner representatives and stakeholders see only the tasks they are assigned to."),
    )

    class Meta:
        model = Task
        fields = ["title", "description", "assignees", "due_on", "status", "co_creation_aspect"]
        labels = {"due_on": _("Due on"), "co_creation_aspect": _("Co-creation aspect")}
        widgets = {
            "title": forms.TextInput(attrs={"maxlength": 200}),
            "description": forms.Textarea(attrs={"rows": 3, "maxlength": 5000}),
            "due_on": DateInput(),
        }

    def __init__(self, *args, course: Course, **kwargs):
        kwargs.setdefault("prefix", f"task-{kwargs['instance'].pk}" if kwargs.get("instance") else "task")
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["assignees"]).queryset = course_members(course)
        self.fields["co_creation_aspect"].help_text = gettext(
            "Needed when an associated stakeholder works on the task."
        )


class TaskStatusForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)

    def __init__(self, *args, task: Task, **kwargs):
        kwargs.setdefault("prefix", f"status-{task.pk}")
        kwargs.setdefault("initial", {"status": task.status})
        super().__init__(*args, **kwargs)


class WorkLogForm(BootstrapMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        max_digits=4,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "min": "0.25", "max": "24"}),
        error_messages={
            "min_value": _("Log at least a quarter of an hour (0.25)."),
            "max_value": _("A day has 24 hours: log 24 or fewer."),
        },
    )
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.TextInput(attrs={"maxlength": 500})
    )

    def __init__(self, *args, task: Task, **kwargs):
        kwargs.setdefault("prefix", f"log-{task.pk}")
        super().__init__(*args, **kwargs)
