"""Selects, checkboxes and radio buttons written in Python give Django's markup character for character, for any
labels, groups and values."""

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from core.forms import BootstrapMixin, FastCheckboxSelectMultiple, FastRadioSelect, FastSelect, FastSelectMultiple

text = st.text(alphabet=st.sampled_from(list("aZ09 -_<>&\"'éł€")), max_size=12)
values = st.one_of(st.integers(min_value=-5, max_value=10**6), text)
options = st.lists(st.tuples(values, text), max_size=8)
groups = st.lists(st.tuples(text.filter(bool), options), max_size=3)
choices = st.one_of(options, groups.map(lambda gs: [(name, list(opts)) for name, opts in gs]))
attrs = st.dictionaries(
    st.sampled_from(["class", "id", "required", "disabled", "data-x", "aria-describedby"]),
    st.one_of(st.booleans(), text),
    max_size=4,
)


@settings(deadline=None)  # the first example loads Django's widget templates
@given(choices=choices, value=st.one_of(st.none(), values, st.lists(values, max_size=3)), attrs=attrs)
def test_the_same_markup_as_djangos_select(choices, value, attrs):
    for django_widget, ours in ((forms.Select, FastSelect), (forms.SelectMultiple, FastSelectMultiple)):
        expected = django_widget(choices=choices).render("field", value, attrs=dict(attrs))
        assert ours(choices=choices).render("field", value, attrs=dict(attrs)) == expected


@settings(deadline=None)
@given(choices=choices, value=st.one_of(st.none(), values, st.lists(values, max_size=3)), attrs=attrs)
def test_each_checkbox_and_radio_button_as_djangos(choices, value, attrs):
    """components/field.html writes each choice with ``choice.tag``; ``str(choice)`` wraps it in its label."""
    for django_widget, ours in (
        (forms.CheckboxSelectMultiple, FastCheckboxSelectMultiple),
        (forms.RadioSelect, FastRadioSelect),
    ):
        theirs, mine = django_widget(choices=choices), ours(choices=choices)
        expected = [BoundWidget(theirs, data, None) for data in theirs.subwidgets("field", value, dict(attrs))]
        written = [BoundWidget(mine, data, None) for data in mine.subwidgets("field", value, dict(attrs))]
        assert [w.tag() for w in written] == [w.tag() for w in expected]
        assert [str(w) for w in written] == [str(w) for w in expected]
        assert mine.render("field", value, attrs=dict(attrs)) == theirs.render("field", value, attrs=dict(attrs))


def test_safe_labels_are_kept_and_others_escaped():
    choices = [("a", mark_safe("<b>bold</b>")), ("b", "<i>not</i>")]
    html = FastSelect(choices=choices).render("field", "a")
    assert "<b>bold</b>" in html and "&lt;i&gt;not&lt;/i&gt;" in html
    assert html == forms.Select(choices=choices).render("field", "a")


class Form(BootstrapMixin, forms.Form):
    one = forms.ChoiceField(choices=[("a", "A")])
    many = forms.MultipleChoiceField(choices=[("a", "A")])
    yes_no = forms.NullBooleanField()
    radio = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)

    class Own(forms.RadioSelect):  # a subclass may render its own way
        pass

    own = forms.ChoiceField(choices=[("a", "A")], widget=Own)


def test_the_forms_use_it_for_djangos_selects_checkboxes_and_radios_and_nothing_else():
    form = Form()
    assert type(form.fields["one"].widget) is FastSelect
    assert type(form.fields["many"].widget) is FastSelectMultiple
    assert type(form.fields["yes_no"].widget) is forms.NullBooleanSelect  # its own values: left alone
    assert type(form.fields["radio"].widget) is FastRadioSelect
    assert type(form.fields["boxes"].widget) is FastCheckboxSelectMultiple
    assert type(form.fields["own"].widget) is Form.Own
