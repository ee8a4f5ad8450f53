"""Every write to phases, milestones, tasks and work logs: keyword-only, atomic, validating.

The rules (DOMAIN.md, rule 2): design, development and implementation in that order, never overlapping;
design and development at least their minimum duration; implementation covers the course's horizon.
Messages say which rule and by how much, and are constants the tests and forms share. One module for each
thing people do: the plan (``plan``), a phase's actual dates (``phase``), milestones and tasks (``work``), and
a task's row: its status and the work logged on it (``task_row``).
"""

from phases.services.phase import phase_record_actual
from phases.services.plan import PlannedPhase, phase_plan_propose, phase_plan_save, phase_plan_validate
from phases.services.task_row import task_set_status, work_log_create
from phases.services.work import (
    milestone_create,
    milestone_delete,
    milestone_update,
    task_create,
    task_delete,
    task_delete_refusal,
    task_update,
)

# Callers outside the app (the API, governance, other apps' tests) use the services by name from here.
__all__ = [
    "PlannedPhase",
    "milestone_create",
    "milestone_delete",
    "milestone_update",
    "phase_plan_propose",
    "phase_plan_save",
    "phase_plan_validate",
    "phase_record_actual",
    "task_create",
    "task_delete",
    "task_delete_refusal",
    "task_set_status",
    "task_update",
    "work_log_create",
]
