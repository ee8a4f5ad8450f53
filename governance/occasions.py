"""Reminders of the governance app: a gate passed with unmet conditions, told once to each of the course's staff.

Set-based: two queries whatever the number of courses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import LazyText
from governance.gate_texts import GATE_TEXTS
from governance.models import GatePassage
from reminders.registry import Due, provider
from teams.models import Membership

GATE_UNMET = "gate_passed_unmet"
STAFF = [Membership.Role.LEADER, Membership.Role.PARTNER, Membership.Role.QA_OFFICER]


@provider(**{GATE_UNMET: _("Phase started with unmet conditions")})
def gate_passed_with_unmet(today: date) -> Iterator[Due]:
    """Every gate passed with unmet conditions, for the leader, partner representatives and QA officers."""
    passages = list(
        GatePassage.objects.exclude(unmet=[]).values("id", "course_id", "gate", "unmet", "reason", "course__slug",
                                                      "course__title")
    )  # fmt: skip
    if not passages:
        return
    staff: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.filter(course_id__in={p["course_id"] for p in passages}, role__in=STAFF)
    for course_id, user_id in rows.values_list("course_id", "user_id"):
        staff[course_id].add(user_id)
    content_type = ContentType.objects.get_for_model(GatePassage).pk
    for p in passages:
        # The conditions are listed on the gates page the reminder links to; the reason is what the team must hear.
        title = LazyText(
            GATE_TEXTS[p["gate"]].went_unmet,
            {"course": p["course__title"], "count": len(p["unmet"]), "reason": p["reason"]},
        )
        for user_id in sorted(staff[p["course_id"]]):
            yield Due(
                recipient_id=user_id,
                kind=GATE_UNMET,
                subject_type_id=content_type,
                subject_id=p["id"],
                occasion="passed",
                course_id=p["course_id"],
                title=title,
                url=reverse("governance:gates", kwargs={"slug": p["course__slug"]}),
            )
