"""The demo shows a course that passed its first gate and one blocked at it, and is idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from governance.models import AgreementClause, GatePassage, VisionComment, VisionVersion
from governance.selectors.gates import next_gate
from teams.models import Course

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (VisionVersion, VisionComment, AgreementClause, GatePassage))


def test_demo_has_a_course_past_its_first_gate_and_one_blocked_at_it(client):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    design = Course.objects.get(slug__startswith="green-energy")
    development = Course.objects.get(slug__startswith="digital-health")
    blocked = next_gate(course=design)
    assert blocked.gate == "development" and not blocked.ready
    passage = GatePassage.objects.get(course=development, gate="development")
    assert passage.unmet and passage.reason
    assert next_gate(course=development).gate == "implementation"
    client.force_login(User.objects.get(email="leader@demo.microcred.eu"))
    page = client.get(reverse("governance:gates", args=[design.slug])).content.decode()
    assert "Not ready" in page
