"""The reminders tests' course with work due, shared."""

from tests.reminders.conftest import due_work  # noqa: F401
