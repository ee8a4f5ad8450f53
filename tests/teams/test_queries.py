"""Page query counts are pinned and do not grow with the number of rows."""

import pytest
from django.urls import reverse

from teams.models import Membership
from tests.factories.teams import CourseFactory, add_member, add_partner, leader_of
from tests.utils import queries_after_change

pytestmark = pytest.mark.django_db
Role = Membership.Role


def grow_team(course, members: int) -> None:
    """Bring the course to ``members`` people spread over partner institutions, with stakeholders."""
    partners = [add_partner(course) for _ in range(3)]
    while Membership.objects.filter(course=course).count() < members:
        n = Membership.objects.filter(course=course).count()
        if n % 5 == 0:
            add_member(course, Role.STAKEHOLDER)
        else:
            add_member(course, Role.PARTNER if n % 2 else Role.LEARNER, institution=partners[n % 3])


def queries_for(client, user, url: str) -> int:
    client.force_login(user)
    return queries_after_change(client, url)


@pytest.mark.parametrize(
    "name,pinned",
    [
        ("course_detail", 23),  # + 5: the next phase gate (governance)
        ("team", 9),
        ("history", 8),  # + 2: the micro-credential profile and its learning outcomes (credentials.history)
    ],  # course_detail: team, networks, foundation + the apps' panels (the micro-credential card: 3 without a profile; "Where we are": four); the user and the bell's count are cached
)
def test_course_pages_query_count_is_pinned_for_2_and_40_members(client, name, pinned):
    small, large = CourseFactory(), CourseFactory()
    grow_team(small, 2)
    grow_team(large, 40)
    counts = [
        queries_for(client, leader_of(c), reverse(f"teams:{name}", kwargs={"slug": c.slug})) for c in (small, large)
    ]
    assert counts == [pinned, pinned]


def test_dashboard_query_count_is_pinned_for_2_and_40_courses(client):
    from tests.factories.accounts import UserFactory

    person = UserFactory()
    counts = []
    for n in (2, 40):
        Membership.objects.filter(user=person).delete()
        from teams.models import CourseUserObjectPermission

        CourseUserObjectPermission.objects.filter(user=person).delete()
        for _ in range(n):
            course = CourseFactory()
            add_partner(course)
            add_member(course, Role.LEARNER, user=person, institution=course.lead_institution)
        counts.append(queries_for(client, person, reverse("teams:dashboard")))
    # the session and the list (3); the user stays cached until their account changes, the ids of their courses until their
    # permissions do, the bell's count until their reminders do
    assert counts == [3, 3]
