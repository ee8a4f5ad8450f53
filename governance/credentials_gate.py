"""The implementation gate's condition on the EU standard elements of a micro-credential (``credentials`` app):
every mandatory element of the Council Recommendation's Annex I that the course gives is complete."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.selectors.gates import Condition
from teams.models import Course


def eu_elements_condition(course: Course, institution_ids: list[int]) -> list[Condition]:
    """Five queries (credentials.selectors.profile_state)."""
    from credentials.selectors import profile_state

    state = profile_state(course=course)
    missing = [str(e.label) for e in state.missing if not e.per_learner]
    return [
        Condition(
            "eu_standard_elements",
            _("The EU standard elements of the micro-credential are complete"),
            not missing,
            _("Missing: %(elements)s.") % {"elements": ", ".join(missing)} if missing else "",
            reverse("credentials:profile", args=[course.slug]),
        )
    ]
