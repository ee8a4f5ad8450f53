"""The course timeline as geometry for a server-drawn SVG Gantt chart (phases/_timeline_svg.html).

Dates become x coordinates on a fixed viewBox; the browser scales the drawing (inside a box that scrolls on
narrow screens). No JavaScript, no inline styles: colours come from classes in static/css/phases.css.

Readable at a glance: the time scale is piecewise linear, so a long implementation phase is drawn compressed after
its first months (with a break marker; the axis ticks stay at their true dates) and design and development get
most of the width. Milestones carry visible name labels, placed here in lanes so that no two overlap and none
crosses the Today line (scales, ticks and label placement: ``phases.timeline_scale``; the task bars: ``phases.task_gantt``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext, ngettext

from phases.dates import add_months, describe_days, describe_months, next_day, previous_day
from phases.models import Milestone, Phase, PhaseStatus
from phases.services.common import minimum_months
from phases.timeline_scale import (
    AXIS_HEIGHT,
    BAR_HEIGHT,
    BOTTOM_PAD,
    CHART_RIGHT,
    LABEL_ASCENT,
    LABEL_DESCENT,
    LABEL_WIDTH,
    LANE_HEIGHT,
    MAX_TICKS,
    ROW_HEIGHT,
    WIDTH,
    Scale,
    Tick,
    _day,
    _ticks,
    choose_scale,
    label_width,
    place_labels,
    short_label,
)


@dataclass
class MilestoneMark:
    x: float
    y: float
    title: str
    state: str  # done, overdue, open
    label: str = ""
    label_x: float = 0.0
    label_y: float = 0.0
    label_width: float = 0.0

    @property
    def label_box(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom of the name label (estimated)."""
        return (
            self.label_x,
            self.label_y - LABEL_ASCENT,
            self.label_x + self.label_width,
            self.label_y + LABEL_DESCENT,
        )

    @property
    def points(self) -> str:
        r = 7
        return f"{self.x:.1f},{self.y - r:.1f} {self.x + r:.1f},{self.y:.1f} {self.x:.1f},{self.y + r:.1f} {self.x - r:.1f},{self.y:.1f}"


@dataclass
class Row:
    phase: Phase
    status: str
    status_label: str
    y: float
    bar_y: float
    planned_x: float
    planned_w: float
    dates_label: str
    actual_x: float | None = None
    actual_w: float | None = None
    overrun_x: float | None = None
    overrun_w: float | None = None
    overrun_label: str = ""
    minimum_x: float | None = None
    minimum_label: str = ""
    milestones: list[MilestoneMark] = field(default_factory=list)
    height: float = ROW_HEIGHT

    @property
    def label_y(self) -> float:
        return self.bar_y + 8

    @property
    def sub_y(self) -> float:
        return self.bar_y + 26

    @property
    def text_y(self) -> float:
        return self.bar_y + BAR_HEIGHT / 2 + 4

    @property
    def actual_y(self) -> float:
        return self.bar_y + 6

    @property
    def minimum_top(self) -> float:
        return self.bar_y - 8

    @property
    def minimum_bottom(self) -> float:
        return self.bar_y + BAR_HEIGHT + 8


@dataclass
class Timeline:
    rows: list[Row]
    ticks: list[Tick]
    today_x: float | None
    today_label: str
    height: float
    description: str
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    break_x: float | None = None
    break_label: str = ""
    chart_right: int = CHART_RIGHT

    @property
    def today_anchor(self) -> str:
        return "end" if self.today_x is not None and self.today_x > CHART_RIGHT - 80 else "start"

    @property
    def today_text_x(self) -> float:
        return (self.today_x or 0) + (-4 if self.today_anchor == "end" else 4)

    @property
    def compressed_width(self) -> float:
        return CHART_RIGHT - (self.break_x or CHART_RIGHT)

    @property
    def chart_height(self) -> float:
        return self.chart_bottom - self.axis_y

    @property
    def break_mark(self) -> str:
        """Two slanted strokes across the axis where the compressed scale starts (SVG path data)."""
        x, y = self.break_x or 0, self.axis_y + 6
        return f"M{x - 7:.1f},{y:.1f} l6,-12 M{x + 1:.1f},{y:.1f} l6,-12"

    @property
    def chart_bottom(self) -> float:
        return self.height - BOTTOM_PAD

    @property
    def axis_y(self) -> float:
        return AXIS_HEIGHT - 6


def _axis(scale: Scale) -> list[Tick]:
    """True ticks for each part of the scale, thinned so that labels keep a tick's width apart."""
    if scale.cut is None:
        ticks = _ticks(scale.first, previous_day(scale.last), scale.x)
    else:
        ticks = _ticks(scale.first, previous_day(scale.cut), scale.x, scale.share)
        ticks += _ticks(scale.cut, previous_day(scale.last), scale.x, 1 - scale.share)
    gap = scale.width / MAX_TICKS
    kept: list[Tick] = []
    for tick in ticks:
        if kept and tick.x - kept[-1].x < gap:
            continue
        if scale.cut is not None and abs(tick.x - scale.x(scale.cut)) < gap / 3:
            continue  # the break marker sits there
        kept.append(tick)
    return kept


def build_timeline(*, course, phases: list[Phase], milestones: list[Milestone], today: date) -> Timeline | None:
    """Lay out the phases (planned, actual, overrun, minimum), milestones and today; None without a plan."""
    if not phases:
        return None
    dates = [today]
    for p in phases:
        dates += [d for d in (p.planned_start, p.planned_end, p.actual_start, p.actual_end) if d]
    dates += [m.due_on for m in milestones]
    first = date(min(dates).year, min(dates).month, 1)
    last = add_months(date(max(dates).year, max(dates).month, 1), 1)
    scale = choose_scale(first=first, last=last, phases=phases)
    x_of = scale.x
    today_x = x_of(today) if first <= today <= last else None

    by_phase: dict[int, list[Milestone]] = {}
    for m in milestones:
        by_phase.setdefault(m.phase_id, []).append(m)

    rows, summary = [], []
    y = AXIS_HEIGHT
    for phase in phases:
        status = phase.status_on(today)
        bar_y = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        row = Row(
            phase=phase,
            status=status.value,
            status_label=str(status.label),
            y=y,
            bar_y=bar_y,
            planned_x=x_of(phase.planned_start),
            planned_w=x_of(next_day(phase.planned_end)) - x_of(phase.planned_start),
            dates_label=f"{_day(phase.planned_start)} – {_day(phase.planned_end)}",
        )
        if phase.actual_start:
            until = next_day(phase.actual_end or today)
            row.actual_x = x_of(phase.actual_start)
            row.actual_w = max(x_of(until) - row.actual_x, 2)
        late_until = None
        if status == PhaseStatus.OVERRUNNING:
            late_until = today
        elif phase.actual_end and phase.actual_end > phase.planned_end:
            late_until = phase.actual_end
        if late_until is not None:
            row.overrun_x = x_of(next_day(phase.planned_end))
            row.overrun_w = max(x_of(next_day(late_until)) - row.overrun_x, 3)
            late = describe_days((late_until - phase.planned_end).days)
            if status == PhaseStatus.OVERRUNNING:
                row.overrun_label = gettext("overrunning by %(days)s") % {"days": late}
            else:
                row.overrun_label = gettext("ended %(days)s late") % {"days": late}
        months = minimum_months(phase.kind, course)
        row.minimum_x = x_of(add_months(phase.planned_start, months))
        # Translators: the minimum duration of a phase on the timeline, e.g. "minimum 3 months".
        row.minimum_label = gettext("minimum %(duration)s") % {"duration": describe_months(months)}
        marker_y = bar_y + BAR_HEIGHT + 12
        for m in by_phase.get(phase.pk, []):
            state = "done" if m.completed_on else ("overdue" if m.due_on < today else "open")
            title = {
                "done": gettext("Milestone: %(title)s, done %(date)s"),
                "overdue": gettext("Milestone: %(title)s, overdue %(date)s"),
                "open": gettext("Milestone: %(title)s, due %(date)s"),
            }[state] % {"title": m.title, "date": _day(m.due_on)}
            label = short_label(m.title)
            row.milestones.append(
                MilestoneMark(
                    x=scale.middle_of(m.due_on),
                    y=marker_y,
                    title=title,
                    state=state,
                    label=label,
                    label_width=label_width(label),
                )
            )
        spots = place_labels([(mark.x, mark.label_width) for mark in row.milestones], today_x=today_x)
        for mark, (start, lane) in zip(row.milestones, spots, strict=True):
            mark.label_x = start
            mark.label_y = marker_y + 10 + LABEL_ASCENT + lane * LANE_HEIGHT
        lanes = max((lane + 1 for _, lane in spots), default=0)
        row.height = ROW_HEIGHT + lanes * LANE_HEIGHT + (2 if lanes else 0)
        y += row.height
        rows.append(row)
        values = {
            "phase": phase.get_kind_display(),
            "dates": row.dates_label,
            "status": str(status.label).lower(),
            "overrun": row.overrun_label,
            "count": len(row.milestones),
        }
        if row.overrun_label:
            text = ngettext(
                "%(phase)s: planned %(dates)s, %(status)s, %(overrun)s; %(count)d milestone.",
                "%(phase)s: planned %(dates)s, %(status)s, %(overrun)s; %(count)d milestones.",
                len(row.milestones),
            )
        else:
            text = ngettext(
                "%(phase)s: planned %(dates)s, %(status)s; %(count)d milestone.",
                "%(phase)s: planned %(dates)s, %(status)s; %(count)d milestones.",
                len(row.milestones),
            )
        summary.append(text % values)
    # Translators: the timeline's text description: one sentence per phase, then today's date.
    description = gettext("%(phases)s Today is %(date)s.") % {"phases": " ".join(summary), "date": _day(today)}
    break_label = ""
    if scale.cut is not None:
        # Translators: the timeline draws the long implementation phase compressed after this date.
        break_label = gettext("Compressed time scale from %(date)s") % {"date": _day(scale.cut)}
        description = f"{description} {break_label}."
    return Timeline(
        rows=rows,
        ticks=_axis(scale),
        today_x=today_x,
        today_label=gettext("Today, %(date)s") % {"date": _day(today)},
        height=y + BOTTOM_PAD,
        description=description,
        break_x=x_of(scale.cut) if scale.cut is not None else None,
        break_label=break_label,
    )
