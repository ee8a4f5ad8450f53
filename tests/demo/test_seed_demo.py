import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from attention.selectors import needs_for_person
from credentials.models import CredentialProfile, LearningOutcome
from demo.story.teams import DEMO_PASSWORD, DOMAIN
from quality.models import Decision, EvaluationReport, ExaminationRules
from quality.occasions import DECISION_WAITING, REVIEW_WAITING
from teams.models import Course, Institution, Membership

pytestmark = pytest.mark.django_db
README = Path(settings.BASE_DIR) / "README.md"


def snapshot():
    return (
        User.objects.count(),
        Course.objects.count(),
        Membership.objects.count(),
        Institution.objects.count(),
        Course.history.count() + Membership.history.count() + Institution.history.count(),
        EvaluationReport.objects.count(),
        ExaminationRules.objects.count(),
        CredentialProfile.objects.count(),
        LearningOutcome.objects.count(),
        CredentialProfile.history.count(),
    )


def printed_logins(out: str) -> set[str]:
    return set(re.findall(rf"^\s+(\S+@{re.escape(DOMAIN)})\s", out, flags=re.MULTILINE))


def test_seed_demo_builds_a_consortium_with_every_role_and_is_idempotent(capsys):
    call_command("seed_demo")
    first = snapshot()
    out = capsys.readouterr().out
    call_command("seed_demo")
    assert snapshot() == first
    assert Institution.objects.values("country").distinct().count() == 5
    assert Course.objects.count() == 3
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert "leader@demo.microcred.eu" in out
    assert User.objects.get(email="leader@demo.microcred.eu").check_password(DEMO_PASSWORD)

    # Every demo account is printed, and the README lists exactly what seed_demo prints.
    accounts = set(User.objects.filter(email__endswith=f"@{DOMAIN}").values_list("email", flat=True))
    assert printed_logins(out) == accounts
    readme = set(re.findall(rf"`(\S+@{re.escape(DOMAIN)})`", README.read_text(encoding="utf-8")))
    assert readme == accounts
    assert all(User.objects.get(email=email).check_password(DEMO_PASSWORD) for email in sorted(accounts)[:3])

    # Every demo institution carries the identifiers European systems know it by, valid.
    for institution in Institution.objects.all():
        assert institution.schac_home_organisation == f"{institution.short_name.lower()}.{DOMAIN}"
        assert institution.erasmus_code and institution.pic and institution.ror_id
        institution.full_clean()


def test_each_demo_role_has_its_job_waiting():
    """qa@ has evaluation data to review, leader@ an open decision and a draft of the examination rules."""
    call_command("seed_demo")
    today = timezone.localdate()
    qa = User.objects.get(email=f"qa@{DOMAIN}")
    waiting = EvaluationReport.objects.filter(
        status=EvaluationReport.Status.SUBMITTED,
        edition__course__memberships__user=qa,
        edition__course__memberships__role=Membership.Role.QA_OFFICER,
    )
    assert waiting.count() >= 2
    assert any(item.kind == REVIEW_WAITING for item in needs_for_person(user=qa, today=today))

    leader = User.objects.get(email=f"leader@{DOMAIN}")
    course = Course.objects.get(memberships__user=leader, memberships__role=Membership.Role.LEADER)
    assert Decision.objects.filter(course=course, status=Decision.Status.OPEN).exists()
    assert ExaminationRules.objects.filter(course=course, status=ExaminationRules.Status.DRAFT).exists()
    kinds = {item.kind for item in needs_for_person(user=leader, today=today)}
    assert DECISION_WAITING in kinds
