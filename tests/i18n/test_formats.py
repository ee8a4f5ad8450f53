"""Dates and numbers follow the reader's language; numbers that are machine input (SVG geometry) never do."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from core.i18n import lazy_date
from tests.factories.phases import running_design

pytestmark = pytest.mark.django_db


def test_english_dates_are_written_the_european_way():
    with translation.override("en"):
        assert date_format(date(2026, 3, 9), "DATE_FORMAT") == "9 Mar 2026"
        assert date_format(date(2026, 3, 9), "SHORT_DATE_FORMAT") == "09/03/2026"


def test_a_lazy_date_is_written_in_the_language_it_is_read_in():
    day = lazy_date(date(2026, 3, 9))
    with translation.override("de"):
        assert str(day) == "9 Mär 2026"
    with translation.override("en"):
        assert str(day) == "9 Mar 2026"


@pytest.mark.parametrize("language", ["de", "fr", "pl"])
def test_timeline_geometry_keeps_decimal_points_in_languages_with_a_decimal_comma(client, cast, language):
    running_design(cast.course, date.today())
    cast.leader.preferred_language = language
    cast.leader.save()
    client.force_login(cast.leader)
    html = client.get(reverse("phases:timeline", kwargs={"slug": cast.course.slug})).content.decode()
    svg = html[html.index("<svg") : html.rindex("</svg>")]
    numbers_with_comma = re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height|viewBox)="[^"]*\d,\d', svg)
    assert not numbers_with_comma
