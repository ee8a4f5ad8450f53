"""Upload forms: shape only; the services check the file's size and content and put the message at the field."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapMixin
from documents.models import NAME_MAX, TITLE_MAX


class DocumentForm(BootstrapMixin, forms.Form):
    prefix = "document"
    subject = forms.ChoiceField(label=_("Attached to"))
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    file = forms.FileField(
        label=_("File"),
        max_length=NAME_MAX * 4,  # the name is made safe and shortened after; only absurd names are refused here
        help_text=_("PDF, office documents, images or plain text."),
    )

    def __init__(self, *args, subjects=(), max_mb: int = 25, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["subject"]).choices = [("", _("Choose…"))] + [
            (s.value, s.label) for s in subjects
        ]
        self.fields["file"].help_text = _("PDF, office documents, images or plain text; at most %(mb)s MB.") % {
            "mb": max_mb
        }


class VersionForm(BootstrapMixin, forms.Form):
    prefix = "version"
    file = forms.FileField(label=_("New version"), max_length=NAME_MAX * 4)
