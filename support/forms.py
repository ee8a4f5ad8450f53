"""Forms validate shape; the services validate the rules. Choices are scoped to the course."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapMixin
from support.models import (
    Agreement,
    AgreementSignature,
    ApprovalStep,
    Consultation,
    DeliveryFormat,
    ServiceKind,
)
from teams.forms import InstitutionChoiceField
from teams.models import Institution


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ConsultationForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Consultation.Status.choices,
        help_text=_("“Requested” e-mails the service contact the course's essentials."),
    )
    due_by = forms.DateField(
        label=_("Due by"), required=False, widget=DateInput(), help_text=_("When the service should have met the team.")
    )
    held_on = forms.DateField(label=_("Held on"), required=False, widget=DateInput())
    outcome = forms.CharField(
        label=_("Outcome"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_actions = forms.CharField(
        label=_("Follow-up actions"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, institution_id: int, kind: str, **kwargs):
        kwargs.setdefault("prefix", f"consultation-{institution_id}-{kind}")
        super().__init__(*args, **kwargs)


class ServiceContactForm(BootstrapMixin, forms.Form):
    """One service's contact; all fields empty clears it."""

    unit = forms.CharField(label=_("Unit"), required=False, max_length=200)
    name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)

    def __init__(self, *args, kind: str, **kwargs):
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.kind_label = ServiceKind(kind).label

    def clean(self):
        data = super().clean()
        if any(data.get(f) for f in ("unit", "name", "email")) and not self.errors:
            if not data.get("unit"):
                self.add_error("unit", gettext("Give the unit (office or department) to contact."))
            if not data.get("email"):
                self.add_error("email", gettext("Give an e-mail address the request can be sent to."))
        return data


class TaskForceMemberForm(BootstrapMixin, forms.Form):
    prefix = "taskforce"
    institution = InstitutionChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=150)

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.filter(pk__in=[i.pk for i in institutions]).order_by(
            "name"
        )


class ApprovalStepForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ApprovalStep.Status.choices)
    started_on = forms.DateField(label=_("Started on"), required=False, widget=DateInput())
    completed_on = forms.DateField(label=_("Completed on"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, institution_id: int, step: str, **kwargs):
        kwargs.setdefault("prefix", f"approval-{institution_id}-{step}")
        super().__init__(*args, **kwargs)


class DeliveryPlatformForm(BootstrapMixin, forms.Form):
    prefix = "platform"
    host_institution = InstitutionChoiceField(
        queryset=Institution.objects.none(), label=_("Whose platform"), help_text=_("Usually the lead institution's.")
    )
    name = forms.CharField(label=_("Platform"), max_length=200, help_text=_("e.g. Moodle, Canvas, Brightspace."))
    url = forms.URLField(label=_("Address"), required=False, max_length=200, assume_scheme="https")
    formats = forms.MultipleChoiceField(
        label=_("Delivery formats"), choices=DeliveryFormat.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_institution"].queryset = Institution.objects.filter(
            pk__in=[i.pk for i in institutions]
        ).order_by("name")


class AgreementForm(BootstrapMixin, forms.ModelForm):
    prefix = "agreement"

    class Meta:
        model = Agreement
        fields = ["kind", "title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2, "maxlength": 2000})}


class SignatureForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AgreementSignature.Status.choices)
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DateInput())

    def __init__(self, *args, agreement_id: int, institution_id: int, **kwargs):
        kwargs.setdefault("prefix", f"signature-{agreement_id}-{institution_id}")
        super().__init__(*args, **kwargs)
