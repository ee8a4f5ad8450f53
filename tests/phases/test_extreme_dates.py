"""Dates at the calendar's ends: refused when entered, harmless when already stored.

Python (and Django) accept every date from 1 January of year 1 to 31 December 9999. Before, a plan ending in 9999
raised OverflowError in the date helpers, a proposed start of 9999-12-31 ``ValueError: year 10000``, and a plan
spanning centuries ``StopIteration`` in the timeline's axis: a 500 for every member of the course.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phases.dates import add_months, duration, last_day_of, next_day, previous_day
from phases.models import Phase
from phases.services import phase_plan_propose
from phases.timeline import build_timeline
from phases.timeline_scale import MAX_TICKS, tick_step
from teams.models import Course

ANY_DAY = st.dates(min_value=date.min, max_value=date.max)
MONTHS = st.integers(min_value=-240_000, max_value=240_000)


@given(day=ANY_DAY, months=MONTHS)
def test_add_months_answers_for_every_date_and_stays_in_the_calendar(day, months):
    result = add_months(day, months)
    assert date.min <= result <= date.max
    if date.min < result < date.max:
        assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
        assert result.day == day.day or result.day < day.day  # clamped to the month's last day


@given(start=ANY_DAY, months=st.integers(min_value=1, max_value=1200))
def test_last_day_of_a_period_never_precedes_its_start(start, months):
    assert start <= last_day_of(start, months) <= date.max


@given(start=ANY_DAY, end=ANY_DAY)
def test_duration_answers_for_every_pair_and_adds_back_up(start, end):
    start, end = min(start, end), max(start, end)
    months, days = duration(start, end)
    assert months >= 0 and days >= 0
    if end < date.max:
        assert add_months(start, months) + timedelta(days=days) == end + timedelta(days=1)


@given(day=ANY_DAY)
def test_next_and_previous_day_are_held_at_the_ends(day):
    assert next_day(day) >= day and previous_day(day) <= day


@given(months=st.integers(min_value=1, max_value=120_000))
def test_tick_step_fits_any_span(months):
    step = tick_step(months)
    assert months / step <= MAX_TICKS


def _phases(course: Course, bounds: list[date]) -> list[Phase]:
    kinds = [Phase.Kind.DESIGN, Phase.Kind.DEVELOPMENT, Phase.Kind.IMPLEMENTATION]
    pairs = zip(bounds[0::2], bounds[1::2], strict=True)
    return [
        Phase(pk=i + 1, course=course, kind=kind, planned_start=s, planned_end=e)
        for i, (kind, (s, e)) in enumerate(zip(kinds, pairs, strict=False))
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bounds=st.lists(ANY_DAY, min_size=6, max_size=6), today=ANY_DAY, actual=st.one_of(st.none(), ANY_DAY))
def test_the_timeline_is_drawn_for_any_stored_plan(bounds, today, actual):
    bounds.sort()
    course = Course(title="Any", implementation_horizon_years=3)
    phases = _phases(course, bounds)
    if actual is not None:
        phases[0].actual_start = actual
    timeline = build_timeline(course=course, phases=phases, milestones=[], today=today)
    assert len(timeline.ticks) <= MAX_TICKS + 1
    for row in timeline.rows:
        assert all(math.isfinite(v) for v in (row.planned_x, row.planned_w, row.minimum_x))


@given(start=ANY_DAY)
def test_a_plan_can_be_proposed_from_any_date(start):
    plan = phase_plan_propose(course=Course(implementation_horizon_years=10), start=start)
    assert [p.start <= p.end for p in plan] == [True, True, True]


# --- Through the pages --------------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def plan_url(cast, name="plan") -> str:
    return reverse(f"phases:{name}", kwargs={"slug": cast.course.slug})


@pytest.mark.parametrize(
    "start",
    ["0001-01-01", "0226-03-01", "9999-12-31", "2199-01-01"],
)
def test_a_plan_outside_a_sensible_range_is_refused_at_the_field(client, cast, start):
    client.force_login(cast.leader)
    data = {"plan-design_start": start, "plan-design_end": "2027-06-30",
            "plan-development_start": "2027-07-01", "plan-development_end": "2027-12-31",
            "plan-implementation_start": "2028-01-01", "plan-implementation_end": "2030-12-31"}  # fmt: skip
    response = client.post(plan_url(cast), data)
    assert response.status_code == 400
    assert "is the year right?" in response.content.decode()
    assert not Phase.objects.filter(course=cast.course).exists()


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "0226-01-01"])
def test_proposing_a_plan_from_an_extreme_start_is_answered_with_a_message(client, cast, start):
    client.force_login(cast.leader)
    response = client.get(plan_url(cast), {"propose-start": start})
    assert response.status_code == 400
    assert "is the year right?" in response.content.decode()


def test_a_plan_stored_with_extreme_dates_still_renders_for_the_team(client, cast):
    """Plans saved before the range check (or by a script) must not lock the team out of its pages."""
    from phases.models import Milestone
    from teams.models import Membership

    today = timezone.localdate()
    spans = [(date(1, 1, 1), date(226, 3, 1)), (date(226, 3, 2), today), (today + timedelta(days=1), date.max)]
    for kind, (start, end) in zip(["design", "development", "implementation"], spans, strict=True):
        Phase.objects.create(course=cast.course, kind=kind, planned_start=start, planned_end=end)
    owner = Membership.objects.get(course=cast.course, user=cast.leader)
    Milestone.objects.create(
        phase=Phase.objects.get(course=cast.course, kind="implementation"), title="End", due_on=date.max, owner=owner
    )
    for user in (cast.leader, cast.partner, cast.learner):
        client.force_login(user)
        assert client.get(plan_url(cast, "timeline")).status_code == 200
        assert client.get(reverse("teams:course_detail", kwargs={"slug": cast.course.slug})).status_code == 200
    client.force_login(cast.leader)
    assert client.get(plan_url(cast)).status_code == 200


def test_other_date_fields_refuse_a_typo_year_too(client, cast):
    from tests.factories.phases import running_design

    design = running_design(cast.course, timezone.localdate())
    client.force_login(cast.leader)
    url = reverse("phases:phase_dates", kwargs={"slug": cast.course.slug, "kind": design.kind})
    response = client.post(url, {"actual-actual_start": "0226-01-05", "actual-actual_end": ""})
    assert response.status_code == 400 and "is the year right?" in response.content.decode()
