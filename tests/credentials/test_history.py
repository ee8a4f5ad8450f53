"""Changes to the micro-credential profile, its languages and its learning outcomes show on the course's History
page, with who made them and what changed from what."""

import pytest
from django.urls import reverse

from credentials import services
from credentials.models import LearningOutcome
from teams.models import Course
from tests.factories.teams import CourseFactory, leader_of

pytestmark = pytest.mark.django_db


def history(client, user, course) -> str:
    client.force_login(user)
    response = client.get(reverse("teams:history", args=[course.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_profile_and_outcome_changes_are_on_the_course_history(client, cast):
    course = cast.course
    Course.objects.filter(pk=course.pk).update(languages=["en", "es"])
    course.refresh_from_db()
    services.profile_update(actor=cast.leader, course=course, notional_hours=130, title_translations={"es": "Uno"})
    services.profile_update(
        actor=cast.leader, course=course, notional_hours=140, title_translations={"es": "Energía verde"}
    )
    outcome = services.outcome_add(actor=cast.leader, course=course, text="Size a solar system.")
    services.outcome_update(
        actor=cast.leader, outcome=outcome, text="Size a solar system.", translations={"es": "Dimensionar."}
    )

    body = history(client, cast.leader, course)
    assert "Micro-credential profile" in body
    assert "<del>130</del> → <ins>140</ins>" in body  # the notional workload
    assert "title in other languages" in body
    assert "<del>es: Uno</del> → <ins>es: Energía verde</ins>" in body
    assert "Learning outcome 1: “Size a solar system.”" in body
    assert "<del>–</del> → <ins>es: Dimensionar.</ins>" in body  # the outcome's translation
    assert cast.leader.display_name in body


def test_a_deleted_outcome_stays_in_the_history_and_other_courses_do_not_leak_in(client, cast):
    outcome = services.outcome_add(actor=cast.leader, course=cast.course, text="Compare financing models.")
    services.outcome_delete(actor=cast.leader, outcome=outcome)
    other_course = CourseFactory()
    services.outcome_add(actor=leader_of(other_course), course=other_course, text="Another course's outcome.")
    body = history(client, cast.leader, cast.course)
    assert body.count("Compare financing models.") == 2  # added, then removed
    assert "Another course's outcome." not in body
    assert not LearningOutcome.objects.filter(pk=outcome.pk).exists()


def test_the_history_is_refused_to_roles_without_it(client, cast):
    services.outcome_add(actor=cast.leader, course=cast.course, text="Size a solar system.")
    client.force_login(cast.learner)
    assert client.get(reverse("teams:history", args=[cast.course.slug])).status_code == 403
