"""Forms validate shape; services validate the rules. Choice fields are scoped to the course."""

import unicodedata
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from core.forms import BootstrapMixin, OneQueryChoiceIterator
from teams.models import (
    COURSE_LANGUAGES,
    CoCreationAspect,
    Course,
    Faculty,
    Institution,
    Membership,
    Partnership,
    StakeholderOrganisation,
    TeamFoundation,
)

Role = Membership.Role


def course_languages_by_name() -> list[tuple[str, str]]:
    """The teaching languages in the alphabetical order of the reader's language (the names are translated)."""
    named = [(code, str(name)) for code, name in COURSE_LANGUAGES]
    return sorted(named, key=lambda pair: _sort_key(pair[1]))


def _sort_key(text: str) -> str:
    """Accents aside ("Dänisch" before "Deutsch"), without depending on the server's C locale."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


class CourseForm(BootstrapMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        choices=course_languages_by_name,
        label=_("Languages"),
        widget=forms.CheckboxSelectMultiple,
        initial=["en"],
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "summary",
            "ects_credits",
            "eqf_level",
            "languages",
            "delivery_mode",
            "implementation_horizon_years",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "ects_credits": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "60"}),
            "eqf_level": forms.NumberInput(attrs={"min": "1", "max": "8"}),
            "implementation_horizon_years": forms.NumberInput(attrs={"min": "1", "max": "10"}),
        }


class CourseSettingsForm(CourseForm):
    class Meta(CourseForm.Meta):
        fields = [*CourseForm.Meta.fields, "reminder_lead_days"]


def institution_label(name: str, country_code: str) -> str:
    return f"{name} ({country_code})"


class InstitutionChoiceIterator(OneQueryChoiceIterator):
    """The options from each institution's pk, name and country code alone, read in one query per form.

    The team page offers every institution of the consortium as a partner (600 in the bench's data set): building
    a model instance and a ``Country`` for each took a fifth of that page's time. The same options, values and
    labels as the model instances would give (``tests/teams/test_institution_choices.py``).
    """

    def _rows(self) -> list[tuple[int, str, str]]:
        # Kept on the queryset, as its own result cache would be: a form or a new queryset starts afresh.
        rows = getattr(self.queryset, "_institution_rows", None)
        if rows is None:
            rows = list(self.queryset.values_list("pk", "name", "country"))
            self.queryset._institution_rows = rows  # type: ignore[attr-defined]
        return rows

    def __iter__(self):
        if self.queryset._result_cache is not None:  # rows already read as instances: use them
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, country in self._rows():
            yield (pk, institution_label(name, country))

    def __len__(self) -> int:
        if self.queryset._result_cache is not None:
            return super().__len__()
        return len(self._rows()) + (self.field.empty_label is not None)


class InstitutionChoiceField(forms.ModelChoiceField):
    """Institutions named in full, with their country; a placeholder that says what to choose."""

    iterator = InstitutionChoiceIterator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_label", _("Choose an institution…"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Institution) -> str:
        return institution_label(obj.name, cast(Country, obj.country).code)


class CourseCreateForm(CourseForm):
    """A new course, led by one of the institutions its creator may start courses for."""

    lead_institution = InstitutionChoiceField(queryset=Institution.objects.none(), label=_("Lead institution"))

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_institution"].queryset = institutions
        if len(institutions) == 1:  # nothing to choose: the service takes the only one
            self.fields["lead_institution"].initial = institutions[0].pk
            self.fields["lead_institution"].required = False


class PartnershipAddForm(BootstrapMixin, forms.Form):
    prefix = "partner"
    institution = InstitutionChoiceField(queryset=Institution.objects.none(), label=_("Partner institution"))

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = Institution.objects.exclude(
            partnerships__course=course
        ).order_by("name")


class PartnershipForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["faculty", "educational_support", "technological_support", "organisational_support"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faculty"].queryset = Faculty.objects.filter(institution_id=self.instance.institution_id)
        self.fields["faculty"].label = _("Delivering faculty")
        self.prefix = f"partnership-{self.instance.pk}"


class MembershipFieldsMixin(forms.Form):
    """Role and what the member represents, with choices scoped to the course."""

    role = forms.ChoiceField(choices=[(r.value, r.label) for r in Role if r != Role.LEADER], label=_("Role"))
    institution = InstitutionChoiceField(
        queryset=Institution.objects.none(),
        required=False,
        label=_("Institution"),
        help_text=_("The institution a staff member or learner representative represents."),
    )
    organisation = forms.ModelChoiceField(
        queryset=StakeholderOrganisation.objects.order_by("name"),
        required=False,
        empty_label=_("No organisation"),
        label=_("Organisation"),
        help_text=_("Associated stakeholders only."),
    )
    co_creation_aspects = forms.MultipleChoiceField(
        choices=CoCreationAspect.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Co-creation aspects"),
        help_text=_("Associated stakeholders only: what they are engaged for."),
    )

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = Institution.objects.filter(
            partnerships__course=course
        ).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.STAKEHOLDER:
            if not data.get("organisation"):
                self.add_error("organisation", _("Choose the stakeholder's organisation."))
            if not data.get("co_creation_aspects"):
                self.add_error("co_creation_aspects", _("Choose at least one aspect."))
        elif data.get("role") and not data.get("institution"):
            self.add_error("institution", _("Choose the institution this person represents."))
        return data


class MembershipAddForm(BootstrapMixin, MembershipFieldsMixin):
    prefix = "member"
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("For someone new to microcred: their invitation and pages use it until they choose their own."),
    )
    field_order = [
        "email",
        "first_name",
        "last_name",
        "language",
        "role",
        "institution",
        "organisation",
        "co_creation_aspects",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _current_language()

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or _current_language()


def _current_language() -> str:
    """The inviter's language now (what the page is shown in), as one of ``LANGUAGES``."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


class MembershipForm(BootstrapMixin, MembershipFieldsMixin):
    def __init__(self, *args, membership: Membership, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "role": membership.role,
                "institution": membership.institution_id,
                "organisation": membership.organisation_id,
                "co_creation_aspects": membership.co_creation_aspects,
            },
        )
        kwargs.setdefault("prefix", f"edit-{membership.pk}")
        super().__init__(*args, course=membership.course, **kwargs)
        if membership.role == Role.LEADER:
            cast(forms.ChoiceField, self.fields["role"]).choices = [(Role.LEADER.value, Role.LEADER.label)]


class FoundationForm(BootstrapMixin, forms.ModelForm):
    prefix = "foundation"

    class Meta:
        model = TeamFoundation
        fields = ["kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "maxlength": 2000})}


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.display_name} ({obj.get_role_display()}, {obj.represented})"


class MemberRemoveForm(BootstrapMixin, forms.Form):
    """Removing a member who owns milestones: who takes them over (another member of the same team)."""

    successor = MemberChoice(
        label=_("Who takes over their milestones?"), queryset=Membership.objects.none(), required=False
    )

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["successor"]).queryset = (
            Membership.objects.filter(course_id=membership.course_id)
            .exclude(pk=membership.pk)
            .select_related("user", "institution", "organisation")
            .order_by("user__last_name", "user__first_name")
        )
