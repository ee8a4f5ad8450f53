"""Form machinery every app shares."""

from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import ErrorDict
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
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


def _text(value: object) -> str:
    """``{{ value|stringformat:'s' }}`` of Django's widget templates: the value as text, escaped unless safe."""
    text = str(value)
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's ``django/forms/widgets/attrs.html``: True is a bare attribute, False leaves it out."""
    return "".join(
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class OptionsWrittenInPython:
    """A select whose options are written in Python, the markup of Django's templates character for character.

    Django renders each option by including ``select_option.html`` (and ``attrs.html`` in it): about 100 µs an
    option, 70 ms of the team page for the 600 institutions a partner is chosen from at 10,000 courses.
    ``tests/core/test_fast_select.py`` compares the two renderings.
    """

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class FastSelect(OptionsWrittenInPython, forms.Select):
    pass


class FastSelectMultiple(OptionsWrittenInPython, forms.SelectMultiple):
    pass


class FastRadioSelect(forms.RadioSelect):
    """Radio buttons (and checkboxes, below) written in Python, the markup of Django's templates character for
    character.

    ``components/field.html`` writes each choice with ``choice.tag``, which Django renders through four templates
    (``checkbox_option.html``, ``input_option.html``, ``input.html``, ``attrs.html``): 12 ms of the phase page for
    the task form's 20 assignees. ``tests/core/test_fast_select.py`` compares the two.
    """

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        if template_name != self.option_template_name:
            return super()._render(template_name, context, renderer)  # type: ignore[misc]  # not in the stubs
        widget = context["widget"]
        value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
        tag = f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'
        if widget.get("wrap_label"):
            label_for = f' for="{_text(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
            tag = f"<label{label_for}>{tag}\n {conditional_escape(widget['label'])}</label>"
        return mark_safe(tag)


class FastCheckboxSelectMultiple(FastRadioSelect, forms.CheckboxSelectMultiple):
    pass


# Django's own widgets (not a subclass with its own rendering) and the same widget written in Python.
FAST_WIDGETS: dict[type, type] = {
    forms.Select: FastSelect,
    forms.SelectMultiple: FastSelectMultiple,
    forms.RadioSelect: FastRadioSelect,
    forms.CheckboxSelectMultiple: FastCheckboxSelectMultiple,
}


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
                if not issubclass(field.iterator, OneQueryChoiceIterator):  # a field may bring a quicker one
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
            if type(widget) in FAST_WIDGETS:
                widget.__class__ = FAST_WIDGETS[type(widget)]

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
