"""The course overview's card: how many of the 11 mandatory elements are complete, each missing one linked."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.navigation import Notice
from credentials.selectors import profile_state


def completeness_panel(*, course, user, perms) -> dict[str, Any]:
    """Five queries whatever the course's size (credentials.selectors.profile_state)."""
    return {"state": profile_state(course=course)}


WARN_DAYS = 90  # how long before implementation starts the phase plan warns of missing elements


def implementation_notices(*, course, today) -> list[Notice]:
    """A warning on the phase plan when implementation starts within WARN_DAYS (or has started) while mandatory
    elements are missing: learners would be enrolled in a course whose credential cannot be described."""
    from phases.models import Phase

    implementation = Phase.objects.filter(course=course, kind=Phase.Kind.IMPLEMENTATION).first()
    if implementation is None or implementation.actual_end is not None:
        return []
    start = implementation.actual_start or implementation.planned_start
    if (start - today).days > WARN_DAYS:
        return []
    state = profile_state(course=course)
    if state.is_complete:
        return []
    names = ", ".join(str(e.label) for e in state.missing)
    text = ngettext(
        "Implementation starts on %(date)s, and %(n)d mandatory element of the micro-credential is missing: %(names)s.",
        "Implementation starts on %(date)s, and %(n)d mandatory elements of the micro-credential are missing: "
        "%(names)s.",
        len(state.missing),
    ) % {"date": date_format(start, "DATE_FORMAT"), "n": len(state.missing), "names": names}
    return [Notice(text=text, url=reverse("credentials:profile", args=[course.slug]), link_text=_("Complete it"))]
