"""The phase page draws its tasks as bars, with assignees and due dates; the task table stays the text equivalent,
and each person sees bars only for the tasks they may see."""

import re

import pytest
from django.utils import timezone

from phases.task_gantt import GANTT_LEFT, build_task_gantt
from tests.factories.phases import add_task

pytestmark = pytest.mark.django_db


def _gantt(html: str) -> str:
    return re.search(r'<svg class="ph-timeline ph-gantt".*?</svg>', html, re.S).group(0)


def test_leader_sees_every_task_as_a_bar_with_assignees_and_due_date(client, cast, work):
    add_task(work.design, title="Write the course page")  # no due date: a row without a bar
    client.force_login(cast.leader)
    html = client.get(work.design.get_absolute_url()).content.decode()
    gantt = _gantt(html)
    assert gantt.count('class="ph-gantt-bar') == 2
    assert "Draft the syllabus" in gantt and "Survey employers" in gantt and "Write the course page" in gantt
    due = work.shared.due_on
    assert f"{cast.partner.display_name}" in gantt and f"due {due.day} {due:%b} {due.year}" in gantt
    assert "no due date" in gantt
    assert 'role="region"' in html and 'tabindex="0"' in html  # scrolls in its own box, reachable by keyboard
    assert "<table" in html.split('class="ph-timeline ph-gantt"')[1]  # the table follows: the text equivalent


def test_a_stakeholder_sees_only_the_bars_of_their_own_tasks(client, cast, work):
    client.force_login(cast.stakeholder)
    gantt = _gantt(client.get(work.design.get_absolute_url()).content.decode())
    assert "Survey employers" in gantt and "Draft the syllabus" not in gantt


def test_no_tasks_no_chart(cast):
    from tests.factories.phases import running_design

    design = running_design(cast.course, timezone.localdate())
    assert build_task_gantt(phase=design, tasks=[], today=timezone.localdate()) is None


def test_bars_stay_inside_the_chart_and_details_never_cover_the_titles(cast, work):
    from phases.selectors import task_list_for_phase
    from teams.permissions import VIEW_ALL_TASKS

    tasks = task_list_for_phase(phase=work.design, user=cast.leader, perms=frozenset({VIEW_ALL_TASKS}))
    gantt = build_task_gantt(phase=work.design, tasks=tasks, today=timezone.localdate())
    for bar in gantt.bars:
        assert bar.detail_x >= GANTT_LEFT
        if bar.x is not None:
            assert bar.x >= GANTT_LEFT and bar.x + bar.w <= gantt.width
