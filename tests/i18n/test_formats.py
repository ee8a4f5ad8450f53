"""Dates and numbers follow the reader's language; numbers that are machine input (SVG geometry) never do."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_noop, ngettext_lazy

from core.i18n import LazyText
from support.models import Consultation, ServiceKind
from support.services.consultations import consultation_save
from tests.factories.phases import running_design

pytestmark = pytest.mark.django_db


def test_english_dates_are_written_the_european_way():
    with translation.override("en"):
        assert date_format(date(2026, 3, 9), "DATE_FORMAT") == "9 Mar 2026"
        assert date_format(date(2026, 3, 9), "SHORT_DATE_FORMAT") == "09/03/2026"


def test_a_lazy_text_and_its_date_are_written_in_the_language_they_are_read_in():
    text = LazyText(gettext_noop("Task “%(title)s” is due on %(date)s · %(course)s"),
                    {"title": "Survey", "date": date(2026, 3, 9), "course": "Green Energy"})  # fmt: skip
    with translation.override("de"):
        assert str(text) == "Aufgabe „Survey“ ist am 9 Mär 2026 fällig · Green Energy"
    with translation.override("en"):
        assert str(text) == "Task “Survey” is due on 9 Mar 2026 · Green Energy"


def test_a_lazy_text_with_a_plural_picks_it_from_its_count():
    message = ngettext_lazy("%(count)s unmet condition", "%(count)s unmet conditions", "count")
    assert [str(LazyText(message, {"count": n})) for n in (1, 2)] == ["1 unmet condition", "2 unmet conditions"]


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


def test_support_refusals_write_the_month_in_the_readers_language(cast):
    with translation.override("de"):
        with pytest.raises(ValidationError) as excinfo:
            consultation_save(
                actor=cast.leader, course=cast.course, institution=cast.course.lead_institution,
                kind=ServiceKind.INTERNATIONALISATION, status=Consultation.Status.REQUESTED,
                due_by=date(2026, 3, 9), today=date(2026, 3, 10),
            )  # fmt: skip
        message = str(excinfo.value.message_dict["due_by"][0])
    assert "10 Mär 2026" in message and "Mar" not in message


def test_course_languages_are_named_in_the_readers_language(client, cast):
    cast.course.languages = ["de", "pl"]
    cast.course.save(update_fields=["languages"])
    client.force_login(cast.leader)
    url = reverse("teams:course_detail", kwargs={"slug": cast.course.slug})
    assert "German, Polish" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Deutsch, Polnisch" in client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert cast.course.languages == ["de", "pl"]  # codes are what is stored (and exported)
