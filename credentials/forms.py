"""Forms check shape (lengths, choices); the services check the Recommendation's rules.

The translations get one field per language of instruction other than the primary one, so each has its label,
its length limit and its own error.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BootstrapMixin
from credentials.models import OUTCOME_MAX, SUMMARY_MAX, TITLE_MAX, AwardingMode, CredentialProfile
from teams.models import LANGUAGE_NAMES, Course


def _other_languages(course: Course, primary: str) -> list[str]:
    return [code for code in course.languages if code != primary]


class ProfileForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CredentialProfile
        fields = [
            "primary_language",
            "notional_hours",
            "qf_ehea_cycle",
            "participation_timing",
            "external_accreditation",
            "prerequisites",
            "supervision",
            "integration",
            "stackable_towards",
            "further_information",
            "isced_f_field",
        ]
        widgets = {
            "external_accreditation": forms.Textarea(attrs={"rows": 2}),
            "prerequisites": forms.Textarea(attrs={"rows": 2}),
            "further_information": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course = course
        primary = self.instance.primary_language
        language_field = cast(forms.ChoiceField, self.fields["primary_language"])
        language_field.choices = [
            (code, LANGUAGE_NAMES.get(code, code)) for code in course.languages
        ] or language_field.choices
        self.fields["notional_hours"].widget.attrs.update(min=1, max=3000)
        self.title_fields, self.summary_fields = [], []
        for code in _other_languages(course, primary):
            name = LANGUAGE_NAMES.get(code, code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                max_length=TITLE_MAX,
                required=False,
                initial=(self.instance.title_translations or {}).get(code, ""),
            )
            self.fields[f"summary_{code}"] = forms.CharField(
                label=_("Summary in %(language)s") % {"language": name},
                max_length=SUMMARY_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=(self.instance.summary_translations or {}).get(code, ""),
            )
            self.title_fields.append(f"title_{code}")
            self.summary_fields.append(f"summary_{code}")
        for name in self.title_fields + self.summary_fields:
            self.fields[name].widget.attrs.setdefault("class", "form-control")

    def translation_pairs(self):
        return [(self[t], self[s]) for t, s in zip(self.title_fields, self.summary_fields, strict=True)]

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["notional_hours"] = self.cleaned_data["notional_hours"]
        data["title_translations"] = {
            name.removeprefix("title_"): self.cleaned_data[name] for name in self.title_fields
        }
        data["summary_translations"] = {
            name.removeprefix("summary_"): self.cleaned_data[name] for name in self.summary_fields
        }
        # A translation into the language now chosen as primary is no longer a translation.
        for key in ("title_translations", "summary_translations"):
            data[key].pop(data["primary_language"], None)
        return data


class OutcomeForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("Learning outcome"), max_length=OUTCOME_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    esco_uri = forms.CharField(
        label=_("ESCO skill or competence (optional)"),
        max_length=200,
        required=False,
        help_text=_("Its address in ESCO, e.g. http://data.europa.eu/esco/skill/…"),
    )

    def __init__(self, *args: Any, course: Course, primary: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.translation_fields = []
        for code in _other_languages(course, primary):
            name = f"text_{code}"
            self.fields[name] = forms.CharField(
                label=_("In %(language)s") % {"language": LANGUAGE_NAMES.get(code, code)},
                max_length=OUTCOME_MAX,
                required=False,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )
            self.translation_fields.append(name)

    @property
    def translation_bound(self) -> list[forms.BoundField]:
        return [self[name] for name in self.translation_fields]

    @classmethod
    def initial_for(cls, outcome) -> dict[str, Any]:
        initial = {"text": outcome.text, "esco_uri": outcome.esco_uri}
        initial.update({f"text_{code}": text for code, text in (outcome.translations or {}).items()})
        return initial

    def service_data(self) -> dict[str, Any]:
        return {
            "text": self.cleaned_data["text"],
            "esco_uri": self.cleaned_data["esco_uri"],
            "translations": {n.removeprefix("text_"): self.cleaned_data[n] for n in self.translation_fields},
        }


class AwardingForm(BootstrapMixin, forms.Form):
    mode = forms.ChoiceField(label=_("Who awards the micro-credential"), choices=AwardingMode.choices)
