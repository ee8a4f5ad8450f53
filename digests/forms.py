from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapMixin
from digests.models import TIME_ZONES, Mode
from reminders.registry import KIND_LABELS


class NoticeSettingsForm(BootstrapMixin, forms.Form):
    """The time zone, then one choice per kind of reminder."""

    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=[(tz, tz) for tz in TIME_ZONES],
        help_text=_("Digests arrive at 08:00 in this time zone."),
    )

    def __init__(self, *args, modes: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in sorted(modes, key=lambda k: str(KIND_LABELS[k])):
            self.fields[f"mode_{kind}"] = forms.ChoiceField(
                label=KIND_LABELS[kind], choices=Mode.choices, initial=modes[kind],
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )  # fmt: skip
        self.kinds = list(modes)

    def modes(self) -> dict[str, str]:
        return {kind: self.cleaned_data[f"mode_{kind}"] for kind in self.kinds}

    def mode_fields(self):
        return [self[f"mode_{kind}"] for kind in sorted(self.kinds, key=lambda k: str(KIND_LABELS[k]))]
