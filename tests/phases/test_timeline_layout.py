"""The timeline reads at a glance: milestone names as labels that never overlap each other or the Today line,
and a long implementation phase drawn compressed so that design and development keep most of the width."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phases.dates import add_months, last_day_of, next_day
from phases.models import Milestone, Phase
from phases.timeline import build_timeline
from phases.timeline_scale import (
    CHART_LEFT,
    CHART_RIGHT,
    MAX_LABEL_CHARS,
    MAX_TICKS,
    label_width,
    place_labels,
    short_label,
)
from teams.models import Course

KINDS = [Phase.Kind.DESIGN, Phase.Kind.DEVELOPMENT, Phase.Kind.IMPLEMENTATION]


def _plan(start: date, months: tuple[int, int, int]) -> list[Phase]:
    course = Course(title="Any", implementation_horizon_years=3)
    phases = []
    for pk, (kind, length) in enumerate(zip(KINDS, months, strict=True), start=1):
        end = last_day_of(start, length)
        phases.append(Phase(pk=pk, course=course, kind=kind, planned_start=start, planned_end=end))
        start = next_day(end)
    return phases


def _intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


START = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 1))
TITLES = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=200).filter(
    str.strip
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    start=START,
    months=st.tuples(st.integers(1, 12), st.integers(1, 24), st.integers(1, 120)),
    offsets=st.lists(st.tuples(st.integers(0, 2), st.integers(-200, 4000), TITLES), max_size=25),
    today_offset=st.integers(-400, 5000),
)
def test_milestone_labels_overlap_neither_each_other_nor_the_today_line(start, months, offsets, today_offset):
    phases = _plan(start, months)
    milestones = [
        Milestone(pk=i, phase_id=phases[p].pk, title=title, due_on=start + timedelta(days=days))
        for i, (p, days, title) in enumerate(offsets)
    ]
    today = start + timedelta(days=today_offset)
    timeline = build_timeline(course=phases[0].course, phases=phases, milestones=milestones, today=today)
    marks = [m for row in timeline.rows for m in row.milestones]
    assert len(marks) == len(milestones)
    boxes = [m.label_box for m in marks]
    for m in marks:
        assert m.label.strip() and len(m.label) <= MAX_LABEL_CHARS
        left, _, right, _ = m.label_box
        assert left >= CHART_LEFT and right <= CHART_RIGHT  # inside the chart, never over the phase names
        if timeline.today_x is not None:
            assert not left <= timeline.today_x <= right, m.label
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _intersect(a, b), (a, b)
    for row in timeline.rows:  # each row is tall enough for its labels
        for m in row.milestones:
            assert row.y <= m.label_box[1] and m.label_box[3] <= row.y + row.height
    assert timeline.height >= sum(row.height for row in timeline.rows)


@given(marks=st.lists(st.tuples(st.floats(CHART_LEFT, CHART_RIGHT), st.integers(1, 60)), max_size=30))
def test_place_labels_keeps_labels_apart_for_any_marker_positions(marks):
    today_x = (CHART_LEFT + CHART_RIGHT) / 2
    widths = [(x, label_width("x" * min(n, MAX_LABEL_CHARS))) for x, n in marks]
    spots = place_labels(widths, today_x=today_x)
    boxes = [(s, lane, s + w, lane + 0.5) for (s, lane), (_, w) in zip(spots, widths, strict=True)]
    for i, a in enumerate(boxes):
        assert not a[0] <= today_x <= a[2]
        for b in boxes[i + 1 :]:
            assert not _intersect(a, b)


def test_a_long_title_is_shortened_for_the_label_and_kept_whole_in_the_tooltip():
    phases = _plan(date(2027, 1, 1), (3, 6, 36))
    title = "Learning outcomes agreed with every partner institution and the stakeholders"
    milestone = Milestone(pk=1, phase_id=1, title=title, due_on=date(2027, 2, 15))
    timeline = build_timeline(course=phases[0].course, phases=phases, milestones=[milestone], today=date(2027, 2, 1))
    mark = timeline.rows[0].milestones[0]
    assert mark.label == short_label(title) and mark.label.endswith("…")
    assert title in mark.title


def test_long_implementation_is_compressed_so_design_and_development_keep_most_of_the_width():
    phases = _plan(date(2027, 1, 1), (3, 6, 36))  # design 3 months, development 6, implementation 3 years
    timeline = build_timeline(course=phases[0].course, phases=phases, milestones=[], today=date(2027, 2, 1))
    design, development, implementation = timeline.rows
    chart = CHART_RIGHT - CHART_LEFT
    assert design.planned_w + development.planned_w > 0.45 * chart  # to one scale, 9 of 45 months got 1/5
    assert timeline.break_x is not None and timeline.break_label
    assert timeline.break_label in timeline.description
    # The first six months of implementation are at the same scale as development, the rest squeezed.
    per_day_development = development.planned_w / (phases[1].planned_end - phases[1].planned_start).days
    assert abs((timeline.break_x - implementation.planned_x) / 181 - per_day_development) < 0.05 * per_day_development
    # Ticks stay true: in order, on their dates, never more than the axis holds.
    xs = [t.x for t in timeline.ticks]
    assert xs == sorted(xs) and len(xs) <= MAX_TICKS + 1
    days = [t.day for t in timeline.ticks]
    assert days == sorted(days)
    assert any(d >= add_months(date(2027, 10, 1), 6) for d in days)  # the compressed years keep labelled ticks


def test_a_short_plan_is_drawn_to_one_scale():
    phases = _plan(date(2027, 1, 1), (3, 6, 6))
    timeline = build_timeline(course=phases[0].course, phases=phases, milestones=[], today=date(2027, 2, 1))
    assert timeline.break_x is None and timeline.break_label == ""
