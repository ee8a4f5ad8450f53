"""The micro-credential profile on the course's history page: its elements, the title and summary in other
languages, and each learning outcome (with its translations), who changed them and when."""

from __future__ import annotations

from django.utils.translation import gettext as _

from credentials.models import CredentialProfile, LearningOutcome
from teams.models import Course
from teams.selectors import HistoryEntry, _entries

# The decision is shown by its own history (the awarding mode it carries is shown here); positions change.
PROFILE_SKIP = ("id", "created_at", "updated_at", "course", "awarding_decision")
OUTCOME_SKIP = ("id", "created_at", "updated_at", "profile")


def credential_history(course: Course, limit: int) -> list[HistoryEntry]:
    """Two queries whatever the length of the history."""
    profiles = list(CredentialProfile.history.filter(course_id=course.pk).select_related("history_user")[:limit])
    outcomes = list(LearningOutcome.history.filter(profile__course_id=course.pk).select_related("history_user")[:limit])
    return [
        *_entries(profiles, lambda r: _("Micro-credential profile"), skip=PROFILE_SKIP),
        *_entries(
            outcomes,
            lambda r: _("Learning outcome %(position)s: “%(text)s”") % {"position": r.position, "text": r.text},
            skip=OUTCOME_SKIP,
        ),
    ]
