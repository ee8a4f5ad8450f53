"""The form on the profile page that creates a personal access token."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import NAME_MAX, Token
from core.forms import BootstrapMixin

EXPIRY_NOT_FUTURE = _("Choose a day after today, or leave it empty for a token that does not expire.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TokenForm(BootstrapMixin, forms.Form):
    prefix = "token"
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX, help_text=_("What the token is for."))
    scope = forms.ChoiceField(label=_("Scope"), choices=Token.Scope.choices, initial=Token.Scope.READ)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=DateInput(),
        help_text=_("The token stops working at the end of this day. Leave empty for no expiry."),
    )

    def clean_expires_on(self):
        day = self.cleaned_data.get("expires_on")
        if day is not None and day <= timezone.localdate():
            raise forms.ValidationError(EXPIRY_NOT_FUTURE)
        return day

    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        return timezone.make_aware(datetime.combine(day, time.max)) if day else None
