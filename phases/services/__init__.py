"""Every write to phases, milestones, tasks and work logs: keyword-only, atomic, validating.

The rules (DOMAIN.md, rule 2): design, development and implementation in that order, never overlapping;
design and development at least their minimum duration; implementation covers the course's horizon.
Messages say which rule and by how much, and are constants the tests and forms share. One module for each
thing people do: the plan (``plan``), a phase's actual dates (``phase``), milestones and tasks (``work``), and
a task's row: its status and the work logged on it (``task_row``).
"""
