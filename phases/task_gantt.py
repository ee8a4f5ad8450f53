"""The phase page's tasks as bars (phases/_task_gantt.html), on the time scale of the course timeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext

from phases.dates import add_months, next_day, previous_day
from phases.models import Phase, Task
from phases.timeline_scale import BOTTOM_PAD, CHART_RIGHT, WIDTH, Scale, Tick, _day, _ticks

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
