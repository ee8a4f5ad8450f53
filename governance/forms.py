"""Forms check the shape of input; the services check the rules and put their message at the field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapMixin
from governance.models.agreement import CLAUSE_MAX
from governance.models.gates import REASON_MAX
from governance.models.vision import COMMENT_MAX, SECTION_MAX


class SectionForm(BootstrapMixin, forms.Form):
    prefix = "section"
    text = forms.CharField(
        label=_("Text"), required=False, max_length=SECTION_MAX, widget=forms.Textarea(attrs={"rows": 12})
    )


class CommentForm(BootstrapMixin, forms.Form):
    prefix = "comment"
    text = forms.CharField(label=_("Your comment"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class CompareForm(BootstrapMixin, forms.Form):
    """Which two versions to compare (query string); odd values give a clear message, not an error page."""

    old = forms.IntegerField(label=_("From version"), min_value=1, max_value=32767)
    new = forms.IntegerField(label=_("To version"), min_value=1, max_value=32767)

    def clean(self):
        data = super().clean()
        if data.get("old") and data.get("new") and data["old"] == data["new"]:
            raise forms.ValidationError(_("Choose two different versions."))
        return data


class ClauseForm(BootstrapMixin, forms.Form):
    prefix = "clause"
    text = forms.CharField(
        label=_("What the agreement says"), required=False, max_length=CLAUSE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )  # fmt: skip
    document_reference = forms.CharField(
        label=_("Or: where it is written"), required=False, max_length=300,
        help_text=_("An annex or document and the article, e.g. “Annex 2, article 4”."),
    )  # fmt: skip
    document = forms.ModelChoiceField(  # type: ignore[var-annotated]
        label=_("Or: a document attached to the agreement"), required=False, queryset=None,
        help_text=_("Add the file under Documents, attached to the consortium agreement, to choose it here."),
    )  # fmt: skip

    def __init__(self, *args, agreement=None, **kwargs):
        from documents.models import Document

        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = Document.objects.filter(agreement=agreement, deleted_at=None)


class GatePassForm(BootstrapMixin, forms.Form):
    prefix = "gate"
    starts_on = forms.DateField(label=_("The new phase starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(
        label=_("Why the team goes on with unmet conditions"), required=False, max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed only when a condition is not met. It is kept in the history and reminded to the team."),
    )  # fmt: skip
