"""Form machinery every app shares."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from core.dates import sensible_range, validate_sensible_date

# Translators: the first entry of a dropdown where a choice is required.
CHOOSE = _("Choose…")
# Translators: the first entry of a dropdown where choosing nothing is allowed.
NO_CHOICE = _("None")


DJANGO_BLANK = "---------"


def name_the_blank_choice(field: forms.Field) -> None:
    """Replace Django's "---------" with words: "Choose…" where a choice is required, "None" where it is not.

    Fields that say more (``empty_label=_("Choose an institution…")``) keep their own words.
    """
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_BLANK:
            field.empty_label = CHOOSE if field.required else NO_CHOICE
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]
        if choices and choices[0][0] == "" and choices[0][1] == DJANGO_BLANK:
            field.choices = [("", CHOOSE if field.required else NO_CHOICE), *choices[1:]]


class OneQueryChoiceIterator(ModelChoiceIterator):
    """A model choice field's options from one plain query per form, kept for every later pass.

    Django's iterator counts the rows for ``len()`` (a COUNT query) and reads them through ``QuerySet.iterator()``
    on every pass, which on PostgreSQL is a server-side cursor: DECLARE, FETCH and CLOSE. A form's choices are a
    course's members or a list of institutions, read whole anyway to render them; the phase page's task form paid
    four round trips for its assignees.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # evaluated on the first pass, from its result cache after that
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.queryset) + (self.field.empty_label is not None)


class BootstrapMixin:
    """Give every widget Bootstrap's classes, so templates can render fields uniformly; keep dates sensible.

    Every date field accepts only dates within ``SENSIBLE_DATE_YEARS`` of today (core.dates), including fields a
    form adds after this ``__init__``: they are checked when the form is cleaned.
    """

    fields: dict[str, forms.Field]  # the form's
    _errors: ErrorDict | None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_dates()
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.iterator = OneQueryChoiceIterator
                field.widget.choices = field.choices
            name_the_blank_choice(field)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def add_error(self, field, error):
        """Mark fields invalid however the error arrives: from cleaning, or later from a service."""
        super().add_error(field, error)
        self._mark_invalid()

    def full_clean(self):
        self._limit_dates()
        super().full_clean()
        self._mark_invalid()

    def _limit_dates(self) -> None:
        first, last = sensible_range()
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and validate_sensible_date not in field.validators:
                field.validators.append(validate_sensible_date)
                field.widget.attrs.setdefault("min", first.isoformat())
                field.widget.attrs.setdefault("max", last.isoformat())

    def _mark_invalid(self) -> None:
        for name in self._errors or {}:
            if name in self.fields:
                css = self.fields[name].widget.attrs.get("class", "")
                if "is-invalid" not in css.split():
                    self.fields[name].widget.attrs["class"] = f"{css} is-invalid".strip()
                self.fields[name].widget.attrs["aria-invalid"] = "true"
