from datetime import date

import pytest
from django.core import mail

from demo.story import support as demo
from support.models import (
    Agreement,
    AgreementSignature,
    ApprovalStep,
    Consultation,
    DeliveryPlatform,
    ServiceContact,
    ServiceKind,
    TaskForceMember,
)
from teams.models import Partnership
from tests.factories.teams import CourseFactory, add_partner

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)
MODELS = [ServiceContact, Consultation, TaskForceMember, ApprovalStep, DeliveryPlatform, Agreement, AgreementSignature]


def _snapshot() -> dict:
    return {m.__name__: (m.objects.count(), m.history.count()) for m in MODELS}


def test_seed_is_complete_sensible_and_idempotent(django_capture_on_commit_callbacks):
    courses = {key: CourseFactory(title=key) for key in ("green-energy", "digital-health", "ai-literacy")}
    for course in courses.values():
        add_partner(course)
        add_partner(course)
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(courses=courses, today=TODAY)
    first = _snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(courses=courses, today=TODAY)
    assert _snapshot() == first
    assert mail.outbox == []  # demo requests are recorded, not e-mailed

    institutions = set(Partnership.objects.values_list("institution_id", flat=True))
    assert ServiceContact.objects.count() == len(institutions) * len(ServiceKind.values)
    lapsed = list(Consultation.objects.lapsed(TODAY))
    assert [(c.course.title, c.kind) for c in lapsed] == [("green-energy", ServiceKind.TEACHING_LEARNING)]
    ai = courses["ai-literacy"]
    assert set(Consultation.objects.filter(course=ai).values_list("status", flat=True)) == {"closed"}
    assert not AgreementSignature.objects.filter(agreement__course=ai).exclude(status="signed").exists()
    assert DeliveryPlatform.objects.get(course=ai).host_institution == ai.lead_institution
    assert TaskForceMember.objects.filter(course=courses["green-energy"]).count() == 3
