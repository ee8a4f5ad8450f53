"""The institution selects (a partner to add, a member's institution, a task force's, a platform's host) list the
same options with or without model instances, read in one query, and keep the choice a person made."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from teams.forms import InstitutionChoiceField, PartnershipAddForm
from teams.models import Institution
from tests.factories.teams import CourseFactory, InstitutionFactory, add_partner

pytestmark = pytest.mark.django_db


def django_options(queryset) -> list[tuple[str, str]]:
    """What Django's own ModelChoiceField would offer for ``queryset``, labelled as ours labels an instance."""
    field = InstitutionChoiceField(queryset=queryset)
    field.iterator = forms.models.ModelChoiceIterator
    return [(str(value), str(label)) for value, label in field.choices]


def options(form_field) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in form_field.choices]


def test_a_partner_to_add_is_chosen_from_the_institutions_not_yet_in_the_course_named_with_their_country():
    course = CourseFactory()
    partner = add_partner(course)
    others = [
        InstitutionFactory(name="Universität Wien", country="AT"),
        InstitutionFactory(name="Åbo Akademi <Turku>", country="FI"),
    ]
    field = PartnershipAddForm(course=course).fields["institution"]

    offered = options(field)

    assert offered == django_options(Institution.objects.exclude(partnerships__course=course).order_by("name"))
    assert offered[0] == ("", "Choose an institution…")
    assert (str(others[0].pk), "Universität Wien (AT)") in offered
    assert (str(others[1].pk), "Åbo Akademi <Turku> (FI)") in offered
    assert str(partner.pk) not in [value for value, _ in offered]


def test_the_options_are_read_in_one_query_however_often_the_form_lists_them():
    InstitutionFactory.create_batch(5)
    form = PartnershipAddForm(course=CourseFactory())
    with CaptureQueriesContext(connection) as queries:
        html = str(form["institution"])
        assert len(form.fields["institution"].choices) == 6
        list(form.fields["institution"].choices)
    assert len(queries) == 1
    assert html.count("<option") == 6


def test_institutions_already_read_are_not_read_again():
    InstitutionFactory.create_batch(3)
    institutions = Institution.objects.order_by("name")
    list(institutions)  # read, as a view that counts them first does
    field = InstitutionChoiceField(queryset=Institution.objects.none())
    field.queryset = institutions
    field.queryset._result_cache = institutions._result_cache  # the same rows, already in memory
    with CaptureQueriesContext(connection) as queries:
        offered = options(field)
    assert len(queries) == 0
    assert offered == django_options(Institution.objects.order_by("name"))


def test_a_submitted_choice_stays_selected_when_the_form_comes_back_with_an_error():
    course = CourseFactory()
    chosen = InstitutionFactory(name="Chosen University")
    InstitutionFactory.create_batch(3)
    form = PartnershipAddForm({"partner-institution": str(chosen.pk)}, course=course)
    form.add_error(None, "Something else went wrong")
    html = str(form["institution"])
    assert f'<option value="{chosen.pk}" selected>Chosen University ({chosen.country.code})</option>' in html
    assert html.count(" selected") == 1


def test_an_institution_of_another_list_is_refused():
    course = CourseFactory()
    partner = add_partner(course)
    form = PartnershipAddForm({"partner-institution": str(partner.pk)}, course=course)
    assert not form.is_valid()
    assert "institution" in form.errors
