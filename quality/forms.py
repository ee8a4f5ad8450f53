"""Forms validate shape; services validate the rules. Every form on a page has its own prefix."""

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import BootstrapMixin
from quality.models import (
    AssessmentMethod,
    Award,
    Consent,
    Decision,
    Edition,
    EvaluationProcedure,
    EvaluationReport,
    ExaminationRules,
)


class ChoiceInputsMixin:
    """Radio buttons and checkbox lists are rendered one input at a time, with Bootstrap's check classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "form-check-input"


class FieldShapeMixin:
    """Check each field's shape only: the services check the rules across fields (counts, scale, dates) and
    put their message at the right field, where a model constraint would give a generic form-wide error."""

    def _post_clean(self):
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
            self.instance.full_clean(
                exclude=self._get_validation_exclusions(), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            self._update_errors(error)


class DecisionForm(BootstrapMixin, FieldShapeMixin, forms.ModelForm):
    prefix = "decision"

    class Meta:
        model = Decision
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"text": _("What the team is asked to consent to. A revision resets every position.")}


class ReviseForm(DecisionForm):
    prefix = "revise"


class ConsentForm(ChoiceInputsMixin, BootstrapMixin, forms.Form):
    prefix = "consent"
    # Translators: an institution's position on a decision: consent, objection or abstention.
    position = forms.ChoiceField(
        label=pgettext_lazy("an institution's stance on a decision", "Position"),
        choices=Consent.Position.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label=_("Reason"),
        help_text=_("Required for an objection; welcome for an abstention."),
    )


class RulesForm(ChoiceInputsMixin, BootstrapMixin, FieldShapeMixin, forms.ModelForm):
    prefix = "rules"

    class Meta:
        model = ExaminationRules
        fields = [
            "grading_system",
            "scale_min",
            "scale_max",
            "pass_mark",
            "letter_grades",
            "lowest_pass_letter",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "grading_system": forms.RadioSelect}


class MethodForm(BootstrapMixin, FieldShapeMixin, forms.ModelForm):
    prefix = "method"

    class Meta:
        model = AssessmentMethod
        fields = ["name", "weight_percent", "description"]
        widgets = {"weight_percent": forms.NumberInput(attrs={"min": 1, "max": 100})}


class AssessmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: AssessmentMethod) -> str:
        return obj.name


class AwardForm(ChoiceInputsMixin, BootstrapMixin, FieldShapeMixin, forms.ModelForm):
    prefix = "award"
    required_assessments = AssessmentChoiceField(
        queryset=AssessmentMethod.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Required assessments"),
        help_text=_("Assessments a learner must have completed for this award."),
    )

    class Meta:
        model = Award
        fields = ["kind", "ects_credits", "minimum_grade", "minimum_attendance_percent", "required_assessments"]
        widgets = {
            "ects_credits": forms.NumberInput(attrs={"step": "0.5", "min": "0.5"}),
            "minimum_attendance_percent": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }
        help_texts = {"ects_credits": _("ECTS credits awards only; at most the course's ECTS.")}

    def __init__(self, *args, rules: ExaminationRules, **kwargs):
        super().__init__(*args, **kwargs)
        # Scoped to this version: another version's (or course's) ids are not a valid choice.
        cast(
            forms.ModelMultipleChoiceField, self.fields["required_assessments"]
        ).queryset = AssessmentMethod.objects.filter(rules=rules)


class ProcedureForm(BootstrapMixin, FieldShapeMixin, forms.ModelForm):
    prefix = "procedure"

    class Meta:
        model = EvaluationProcedure
        fields = ["instruments", "frequency", "responsibilities"]
        widgets = {
            "instruments": forms.Textarea(attrs={"rows": 4}),
            "responsibilities": forms.Textarea(attrs={"rows": 4}),
        }


class EditionForm(BootstrapMixin, FieldShapeMixin, forms.ModelForm):
    prefix = "edition"

    class Meta:
        model = Edition
        fields = ["name", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"starts_on": _("Starts on"), "ends_on": _("Ends on")}


class ReportForm(BootstrapMixin, FieldShapeMixin, forms.ModelForm):
    prefix = "report"
    reply = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label=_("Your reply to the QA officer"),
        help_text=_("What you changed in answer to the requested changes."),
    )

    class Meta:
        model = EvaluationReport
        fields = ["enrolled", "completed", "passed", "mean_satisfaction", "dropout_reasons", "remarks"]
        widgets = {
            "enrolled": forms.NumberInput(attrs={"min": 0}),
            "completed": forms.NumberInput(attrs={"min": 0}),
            "passed": forms.NumberInput(attrs={"min": 0}),
            "mean_satisfaction": forms.NumberInput(attrs={"min": 1, "max": 5, "step": "0.01"}),
            "dropout_reasons": forms.Textarea(attrs={"rows": 3}),
            "remarks": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, asks_reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not asks_reply:
            del self.fields["reply"]
        else:
            self.fields["reply"].required = True
            self.fields["reply"].initial = ""


class ReviewForm(BootstrapMixin, forms.Form):
    prefix = "review"
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        label=_("Changes requested"),
        help_text=_("Required when you ask for changes; the partner sees it and answers."),
    )
