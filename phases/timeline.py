"""The course timeline as geometry for a server-drawn SVG Gantt chart (phases/_timeline_svg.html).

Dates become x coordinates on a fixed viewBox; the browser scales the drawing (inside a box that scrolls on
narrow screens). No JavaScript, no inline styles: colours come from classes in static/css/phases.css.

Readable at a glance: the time scale is piecewise linear, so a long implementation phase is drawn compressed after
its first months (with a break marker; the axis ticks stay at their true dates) and design and development get
most of the width. Milestones carry visible name labels, placed here in lanes so that no two overlap and none
crosses the Today line; text widths are estimated from the character count (``label_width``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from phases.dates import add_months, describe_days, describe_months, next_day, previous_day
from phases.models import Milestone, Phase, PhaseStatus, Task
from phases.services.common import minimum_months

WIDTH = 1000
LABEL_WIDTH = 190
RIGHT_PAD = 20
CHART_LEFT = LABEL_WIDTH
CHART_RIGHT = WIDTH - RIGHT_PAD
AXIS_HEIGHT = 58
ROW_HEIGHT = 64
BAR_HEIGHT = 22
BOTTOM_PAD = 12

# The long implementation phase: its first months at full scale, the rest squeezed into a fifth of the width.
FULL_SCALE_MONTHS = 6
COMPRESSED_SHARE = 0.2

# Milestone labels (11px text, css/phases.css): a generous estimate of a character's width, so real text fits.
CHAR_WIDTH = 6.8
MAX_LABEL_CHARS = 36
LABEL_ASCENT = 10
LABEL_DESCENT = 3
LANE_HEIGHT = 16
LABEL_GAP = 6  # between two labels, and between a label and the Today line


@dataclass
class Tick:
    x: float
    label: str
    day: date | None = None


@dataclass(frozen=True)
class Scale:
    """Days to x: linear from ``first`` to ``cut`` over ``share`` of the chart, then linear to ``last``."""

    first: date
    last: date
    cut: date | None = None
    share: float = 1.0
    left: float = CHART_LEFT
    width: float = CHART_RIGHT - CHART_LEFT

    def x(self, day: date) -> float:
        if self.cut is None or day <= self.cut:
            end = self.cut or self.last
            return self.left + self.width * self.share * (day - self.first).days / max((end - self.first).days, 1)
        rest = self.width * (1 - self.share)
        return self.left + self.width * self.share + rest * (day - self.cut).days / max((self.last - self.cut).days, 1)

    def middle_of(self, day: date) -> float:
        return (self.x(day) + self.x(next_day(day))) / 2


def choose_scale(*, first: date, last: date, phases: Sequence[Phase]) -> Scale:
    """Compress the implementation phase after FULL_SCALE_MONTHS when drawing it to scale would squeeze the rest."""
    implementation = next((p for p in phases if p.kind == Phase.Kind.IMPLEMENTATION), None)
    if implementation is None:
        return Scale(first, last)
    start = implementation.planned_start
    cut = add_months(date(start.year, start.month, 1), FULL_SCALE_MONTHS)
    if not first < cut < last:
        return Scale(first, last)
    if (last - cut).days / max((last - first).days, 1) <= 1.5 * COMPRESSED_SHARE:
        return Scale(first, last)  # compressing would not gain much
    return Scale(first, last, cut=cut, share=1 - COMPRESSED_SHARE)


def label_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def short_label(text: str) -> str:
    """A milestone's title cut to MAX_LABEL_CHARS (the full title stays in the tooltip and the description)."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def place_labels(
    marks: Sequence[tuple[float, float]], *, today_x: float | None, left: float = CHART_LEFT, right: float = CHART_RIGHT
) -> list[tuple[float, int]]:
    """Where each label goes: (start x, lane) for marks given as (marker x, label width), in the same order.

    Greedy, left to right: a label starts under its marker or ends under it, or (when that would cross the Today
    line) sits just beside the line; the first lane where it overlaps no other label takes it, else a new lane.
    A label is at most half the chart wide (MAX_LABEL_CHARS), so one side of the Today line always has room.
    """

    def crosses_today(start: float, width: float) -> bool:
        return today_x is not None and start - LABEL_GAP / 2 < today_x < start + width + LABEL_GAP / 2

    lanes: list[list[tuple[float, float]]] = []
    placed: dict[int, tuple[float, int]] = {}
    for index in sorted(range(len(marks)), key=lambda i: marks[i][0]):
        x, width = marks[index]
        wanted = [x - 4, x - width + 4]
        if today_x is not None:
            wanted += [today_x + LABEL_GAP, today_x - LABEL_GAP - width]
        options = [c for c in (min(max(c, left), right - width) for c in wanted) if not crosses_today(c, width)]
        if not options:  # only for a label wider than half the chart
            options = [left]
        spot = None
        for lane, taken in enumerate(lanes):
            for start in options:
                if all(start + width + LABEL_GAP <= a or b + LABEL_GAP <= start for a, b in taken):
                    spot = (start, lane)
                    break
            if spot:
                break
        if spot is None:
            lanes.append([])
            spot = (options[0], len(lanes) - 1)
        lanes[spot[1]].append((spot[0], spot[0] + width))
        placed[index] = spot
    return [placed[i] for i in range(len(marks))]


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


def _day(value: date) -> str:
    return date_format(value, "j M Y")


MAX_TICKS = 12


def tick_step(months: int) -> int:
    """Months between axis labels, so that at most ``MAX_TICKS`` fit: 1, 3, 6 months, then 1, 2, 5, 10, 20, 50 …
    years (a plan typed with a wrong century spans centuries, and still gets an axis)."""
    for step in (1, 3, 6):
        if months / step <= MAX_TICKS:
            return step
    years = 1
    while months / (12 * years) > MAX_TICKS:
        years = years * 2 if str(years)[0] in "15" else years * 5 // 2
    return 12 * years


def _ticks(start: date, end: date, x_of: Callable[[date], float], share: float = 1.0) -> list[Tick]:
    """Ticks from ``start`` to ``end`` drawn over ``share`` of the chart: fewer in a compressed part."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = tick_step(math.ceil(months * 1.1 / share))
    first = date(start.year, 1, 1)
    while first < start:
        following = add_months(first, step)
        if following <= first:  # held at the end of the calendar
            return []
        first = following
    ticks, current = [], first
    while current <= end:
        label = str(current.year) if step >= 12 else date_format(current, "M Y")
        ticks.append(Tick(x=x_of(current), label=label, day=current))
        following = add_months(current, step)
        if following <= current:
            break
        current = following
    return ticks


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


# The phase page's tasks as bars (phases/_task_gantt.html): from when the task was set (not before the phase's
# planned start) to its due date, with assignees and the due date written under the bar.
GANTT_TITLE_WIDTH = 260
GANTT_LEFT = GANTT_TITLE_WIDTH + 10
GANTT_AXIS = 30
GANTT_ROW = 40
GANTT_TITLE_CHARS = 34
GANTT_CHAR_WIDTH = 6.4  # the 11px detail line under the bars


@dataclass
class TaskBar:
    title: str
    status: str
    detail: str  # assignees · due date
    y: float
    x: float | None = None  # None: no due date, no bar
    w: float = 0.0
    detail_x: float = GANTT_LEFT

    @property
    def bar_y(self) -> float:
        return self.y + 6

    @property
    def title_y(self) -> float:
        return self.y + 17

    @property
    def detail_y(self) -> float:
        return self.y + 33


@dataclass
class TaskGantt:
    bars: list[TaskBar]
    ticks: list[Tick]
    today_x: float | None
    height: float
    width: int = WIDTH
    left: int = GANTT_LEFT
    axis_y: int = GANTT_AXIS


def build_task_gantt(*, phase: Phase, tasks: Sequence[Task], today: date) -> TaskGantt | None:
    """Bars for the phase's tasks on one linear scale over the phase (stretched to late due dates); None without
    tasks. Assignees come from the prefetched rows (phases.selectors._with_row_data): no extra query."""
    if not tasks:
        return None
    dates = [phase.planned_start, phase.planned_end] + [t.due_on for t in tasks if t.due_on]
    first = date(min(dates).year, min(dates).month, 1)
    last = add_months(date(max(dates).year, max(dates).month, 1), 1)
    scale = Scale(first, last, left=GANTT_LEFT, width=CHART_RIGHT - GANTT_LEFT)
    bars = []
    for index, task in enumerate(tasks):
        names = ", ".join(m.user.display_name for m in task.assignees.all()) or gettext("nobody yet")
        status = "overdue" if task.is_overdue(today) else task.status
        if task.due_on:
            # Translators: under a task's bar on the phase page: its assignees, then its due date.
            detail = gettext("%(assignees)s · due %(date)s") % {"assignees": names, "date": _day(task.due_on)}
        else:
            # Translators: under a task without a due date on the phase page: its assignees.
            detail = gettext("%(assignees)s · no due date") % {"assignees": names}
        title = task.title if len(task.title) <= GANTT_TITLE_CHARS else task.title[: GANTT_TITLE_CHARS - 1] + "…"
        bar = TaskBar(title=title, status=status, detail=detail, y=GANTT_AXIS + index * GANTT_ROW)
        if task.due_on:
            begun = max(timezone_date(task), phase.planned_start)
            begun = min(begun, task.due_on)
            bar.x = scale.x(begun)
            bar.w = max(scale.x(next_day(task.due_on)) - bar.x, 4)
        width = len(detail) * GANTT_CHAR_WIDTH
        bar.detail_x = max(GANTT_LEFT, min(bar.x if bar.x is not None else GANTT_LEFT, CHART_RIGHT - width))
        bars.append(bar)
    return TaskGantt(
        bars=bars,
        ticks=_ticks(first, previous_day(last), scale.x),
        today_x=scale.x(today) if first <= today <= last else None,
        height=GANTT_AXIS + len(tasks) * GANTT_ROW + BOTTOM_PAD,
    )


def timezone_date(task: Task) -> date:
    """The local day the task was set (today for an unsaved one)."""
    return timezone.localdate(task.created_at) if task.created_at else timezone.localdate()
