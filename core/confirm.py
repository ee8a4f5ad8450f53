"""The confirmation step before a delete: a page that says what will go, or why it cannot, with one button.

A delete is a POST from this page (or from an inline step that says the same), never a plain link or a
JavaScript confirm(): it works without scripts, and the refusal is known before anyone presses the button.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Confirmation:
    """What templates/components/confirm.html shows."""

    tab: str  # the course tab the page belongs to
    title: str  # e.g. "Delete the task “Draft the syllabus”"
    question: str  # what will happen, in a sentence
    action: str  # the button's label, e.g. "Delete task"
    back_url: str
    consequence: str = ""  # what else changes, e.g. reminders withdrawn, a proposal revised
    refusal: str = ""  # why it cannot be done: the page shows this instead of the button
    hidden: dict[str, str] = field(default_factory=dict)  # form fields to send back, e.g. the row layout


def confirmation_page(
    request: HttpRequest, context: dict[str, Any], confirmation: Confirmation, *, status: int = 200
) -> HttpResponse:
    """The confirmation page, inside the course's layout (``context`` holds course and course_perms)."""
    return render(request, "components/confirm.html", {**context, "confirm": confirmation}, status=status)
