"""The demo consortium's micro-credentials: two courses complete as far as their records go, one incomplete."""

import pytest
from django.core.management import call_command

from credentials.exports import badges, elm
from credentials.models import CredentialProfile, LearningOutcome
from credentials.selectors import profile_state
from teams.models import Course

pytestmark = pytest.mark.django_db


def test_demo_profiles_are_complete_except_the_deliberate_one_and_seeding_twice_changes_nothing():
    call_command("seed_demo")
    counts = (CredentialProfile.objects.count(), LearningOutcome.objects.count(), CredentialProfile.history.count())
    call_command("seed_demo")
    assert (
        CredentialProfile.objects.count(),
        LearningOutcome.objects.count(),
        CredentialProfile.history.count(),
    ) == counts
    states = {c.slug: profile_state(course=c) for c in Course.objects.all()}
    assert states["ai-literacy"].is_complete
    assert elm.build(Course.objects.get(slug="ai-literacy"))["title"]["es"] == "Alfabetización en IA para docentes"
    assert badges.build(Course.objects.get(slug="ai-literacy"))["achievementType"] == "MicroCredential"
    assert [e.key for e in states["digital-health"].missing] == ["assessment"]  # its rules wait for consent
    assert {e.key for e in states["green-energy"].missing} >= {"awarding", "level", "assessment"}
