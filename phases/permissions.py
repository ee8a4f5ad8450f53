"""Rules finer than the role table (teams.permissions.ROLE_PERMISSIONS) for tasks and work logs.

Learner representatives and stakeholders lack VIEW_ALL_TASKS: they see only the tasks they are assigned to.
Seeing a task is a precondition for everything else, and a task one may not see is a 404, never a 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from teams import permissions as perm

if TYPE_CHECKING:
    from accounts.models import User
    from phases.models import Task


def assigned_user_ids(task: Task) -> set[int]:
    """The assignees' user ids (uses the prefetch when there is one)."""
    return {m.user_id for m in task.assignees.all()}


def can_see_task(*, user: User, perms: frozenset[str], task: Task) -> bool:
    return perm.VIEW_ALL_TASKS in perms or user.pk in assigned_user_ids(task)


def can_edit_task(*, perms: frozenset[str]) -> bool:
    return perm.PLAN_PHASES in perms


def can_log_work(*, user: User, perms: frozenset[str], task: Task) -> bool:
    """Only an assignee logs work, and only with a role that logs work at all."""
    return perm.LOG_WORK in perms and user.pk in assigned_user_ids(task)


def can_set_status(*, user: User, perms: frozenset[str], task: Task) -> bool:
    return can_edit_task(perms=perms) or can_log_work(user=user, perms=perms, task=task)
