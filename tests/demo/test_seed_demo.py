import pytest
from django.core.management import call_command

from accounts.models import User
from teams.models import Course, Institution, Membership

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        User.objects.count(),
        Course.objects.count(),
        Membership.objects.count(),
        Institution.objects.count(),
        Course.history.count() + Membership.history.count(),
    )


def test_seed_demo_builds_a_consortium_with_every_role_and_is_idempotent(capsys):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    assert Institution.objects.values("country").distinct().count() == 5
    assert Course.objects.count() == 3
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert "leader@demo.microcred.eu" in capsys.readouterr().out
    assert User.objects.get(email="leader@demo.microcred.eu").check_password("demo-password-2026")
