"""Server-drawn SVG line charts for the evaluation trends: no JavaScript, readable without colour.

Each series has its own colour, marker shape and dash pattern, every point carries its value as text in a
<title>, and the page shows the same numbers in a table beside the chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from core.i18n import prose_list
from quality.selectors.evaluation import Trend

# Colours with at least 4.5:1 contrast on white; shapes and dashes tell series apart without them.
PALETTE = ["#1f3a68", "#b45309", "#1e7b45", "#6f42c1", "#b02a37", "#0b7285"]
SHAPES = ["circle", "square", "triangle", "diamond", "cross", "triangle-down"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2"]

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 44
INSET = 48  # keeps the first and last edition's labels inside the drawing


def marker_path(shape: str, x: float, y: float, r: float = 5) -> str:
    if shape == "square":
        return f"M{x - r},{y - r}h{2 * r}v{2 * r}h{-2 * r}Z"
    if shape == "triangle":
        return f"M{x},{y - r - 1}L{x + r + 1},{y + r}L{x - r - 1},{y + r}Z"
    if shape == "triangle-down":
        return f"M{x},{y + r + 1}L{x + r + 1},{y - r}L{x - r - 1},{y - r}Z"
    if shape == "diamond":
        return f"M{x},{y - r - 1}L{x + r + 1},{y}L{x},{y + r + 1}L{x - r - 1},{y}Z"
    if shape == "cross":
        return f"M{x - r},{y - r}L{x + r},{y + r}M{x - r},{y + r}L{x + r},{y - r}"
    return f"M{x - r},{y}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0"


@dataclass
class Point:
    x: float
    y: float
    value: float
    label: str
    path: str


@dataclass
class Line:
    name: str
    colour: str
    dash: str
    shape: str
    segments: list[str]
    points: list[Point]
    legend_path: str


@dataclass
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    y_ticks: list[tuple[float, str]]
    x_labels: list[tuple[float, str]]
    lines: list[Line]
    plot_left: int
    plot_right: int
    plot_bottom: int
    plot_top: int


def _fmt(value: float, unit: str) -> str:
    return f"{value:g}{unit}" if unit else f"{value:.2f}"


def line_chart(trend: Trend) -> Chart:
    """Lay out one trend: editions along x, the measure along y, one line per institution."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(trend.editions)
    span = trend.y_max - trend.y_min

    def x_at(i: int) -> float:
        inner = plot_w - 2 * INSET
        return round(LEFT + INSET + (inner / 2 if n == 1 else inner * i / (n - 1)), 1)

    def y_at(v: float) -> float:
        return round(TOP + plot_h * (1 - (v - trend.y_min) / span), 1)

    steps = 5 if trend.unit == "%" else 4
    y_ticks = [
        (y_at(trend.y_min + span * k / steps), _fmt(trend.y_min + span * k / steps, trend.unit))
        for k in range(steps + 1)
    ]
    lines = []
    for index, series in enumerate(trend.series):
        shape, colour, dash = (SHAPES[index % len(SHAPES)], PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)])
        points: list[Point] = []
        segments: list[str] = []
        current: list[str] = []
        for i, value in enumerate(series.points):
            if value is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            x, y = x_at(i), y_at(value)
            current.append(f"{x},{y}")
            # Translators: one point of a chart: institution, edition: value.
            label = gettext("%(institution)s, %(edition)s: %(value)s") % {
                "institution": series.institution.short_name,
                "edition": trend.editions[i].name,
                "value": _fmt(value, trend.unit),
            }
            points.append(Point(x, y, value, label, marker_path(shape, x, y)))
        if current:
            segments.append(" ".join(current))
        lines.append(
            Line(series.institution.short_name, colour, dash, shape, segments, points, marker_path(shape, 10, 10))
        )
    names = prose_list(s.institution.short_name for s in trend.series) or gettext("no institution")
    description = ngettext(
        "%(measure)s per institution (%(institutions)s) across %(count)s edition, from %(low)s to %(high)s.",
        "%(measure)s per institution (%(institutions)s) across %(count)s editions, from %(low)s to %(high)s.",
        n,
    ) % {
        "measure": trend.title,
        "institutions": names,
        "count": n,
        "low": _fmt(trend.y_min, trend.unit),
        "high": _fmt(trend.y_max, trend.unit),
    }
    return Chart(
        key=trend.key,
        title=trend.title,
        description=description,
        width=WIDTH,
        height=HEIGHT,
        y_ticks=y_ticks,
        x_labels=[(x_at(i), e.name) for i, e in enumerate(trend.editions)],
        lines=lines,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=HEIGHT - BOTTOM,
        plot_top=TOP,
    )
