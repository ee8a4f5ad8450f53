"""Time scales, axis ticks and label placement shared by the course timeline and the phase page's task bars.

Dates become x coordinates on a fixed viewBox (``Scale``); ticks are thinned so their labels fit; milestone labels
are placed in lanes so that no two overlap and none crosses the Today line (``place_labels``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format

from phases.dates import add_months, next_day
from phases.models import Phase

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
