"""The home page, the course overview and the bell tell one story, on any day.

One course holds something of every kind; Hypothesis picks the day. On every day: each reminder the sweep
would create for a person is on their home page, each late thing on the leader's home page is in the
overview's "Late" list, and the overview says "Nothing is late" only when that list is empty.
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attention.items import LATE
from attention.selectors import needs_for_course, needs_for_person
from phases.models import Phase
from reminders.services import reminders_due
from support.models import ServiceKind
from support.services.task_force import task_force_member_add
from teams import permissions as perm
from tests.factories.phases import add_milestone, add_task, member, plan_phases
from tests.factories.quality import make_decision, make_edition, submit_report
from tests.factories.support import ConsultationFactory

START = timezone.localdate() - timedelta(days=30)


@pytest.fixture
def busy(cast):
    """A course with tasks, milestones, consultations, a task force seat, editions, a decision and a report."""
    phases = plan_phases(cast.course, START)
    design = phases[Phase.Kind.DESIGN]
    partner, learner = member(cast.course, cast.partner), member(cast.course, cast.learner)
    for offset in (0, 5, 40, 70, 88):
        add_task(design, title=f"Task {offset}", assignees=[partner, learner], due_on=START + timedelta(days=offset))
        add_milestone(design, owner=partner, due_on=START + timedelta(days=offset + 3), title=f"Milestone {offset}")
    add_task(design, title="Nobody's", due_on=START + timedelta(days=10))
    seat = task_force_member_add(actor=cast.leader, course=cast.course, institution=partner.institution,
                                 kind=ServiceKind.LEGAL, email="legal@partner.example.org")  # fmt: skip
    for i, kind in enumerate([ServiceKind.INTERNATIONALISATION, ServiceKind.LEGAL, ServiceKind.IT]):
        ConsultationFactory(course=cast.course, kind=kind, institution=partner.institution,
                            requested_on=START, due_by=START + timedelta(days=10 + 60 * i),
                            requested_by=cast.partner if i else None)  # fmt: skip
    ConsultationFactory(course=cast.course, kind=ServiceKind.TEACHING_LEARNING, requested_on=START,
                        due_by=START + timedelta(days=25), requested_by=cast.leader)  # fmt: skip
    make_decision(cast.course, title="Teach in English")
    ended = make_edition(cast.course, name="Spring", ended_days_ago=40)
    make_edition(cast.course, name="Autumn", ended_days_ago=-100)  # ends in 100 days
    submit_report(ended, partner.institution)
    return [cast.leader, cast.partner, cast.learner, cast.stakeholder, cast.qa, seat.user, cast.outsider]


def keys(items) -> set[tuple[str, tuple[str, int]]]:
    return {(i.kind, i.subject) for i in items}


def bell(today, user) -> set[tuple[str, tuple[str, int]]]:
    labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    return {(d.kind, (labels[d.subject_type_id], d.subject_id)) for d in reminders_due(today=today)
            if d.recipient_id == user.pk}  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=-60, max_value=1500))
def test_home_overview_and_bell_agree_on_any_day(cast, busy, offset):
    today = START + timedelta(days=offset)
    for person in busy:
        home = needs_for_person(user=person, today=today)
        missing = bell(today, person) - keys(home)
        assert not missing, f"{person} on {today}: in the bell, not on the home page: {missing}"
        assert all(i.course.id in perm.course_ids_for_user(person) for i in home)
    overview = needs_for_course(course=cast.course, user=cast.leader, perms=perm.ALL_COURSE_PERMISSIONS, today=today)
    leader_late = keys(i for i in needs_for_person(user=cast.leader, today=today) if i.state == LATE)
    assert leader_late <= keys(overview.late)


def test_the_overview_never_says_nothing_is_late_while_something_is(client, cast, busy, monkeypatch):
    client.force_login(cast.partner)
    for offset in (-10, 5, 25, 120, 400):
        day = START + timedelta(days=offset)
        monkeypatch.setattr(timezone, "localdate", lambda *a, _d=day, **k: _d)
        body = client.get(cast.course.get_absolute_url()).content.decode()
        late = needs_for_course(
            course=cast.course, user=cast.partner, perms=perm.course_permissions(cast.partner, cast.course), today=day
        ).late
        assert ("Nothing is late" in body) == (not late), day
        for item in late[:12]:
            assert str(item.title).replace("'", "&#x27;") in body


def test_the_scenario_gives_the_bell_something_to_say(cast, busy):
    """Guard for the property above: on day 30 the leader and the partner have reminders of several kinds."""
    day = START + timedelta(days=30)
    assert len({kind for kind, _s in bell(day, cast.leader)}) >= 4
    assert len({kind for kind, _s in bell(day, cast.partner)}) >= 3
