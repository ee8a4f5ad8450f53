"""Consultations: validation with clear messages, the request e-mail, the guideline's order, lapse derivation."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from support.models import Consultation, ServiceKind
from support.ordering import LEAD_FIRST, WARN_LEAD_FIRST_TWO, order_warning
from support.services import consultations as svc
from support.services.common import DATE_IN_FUTURE, INSTITUTION_NOT_IN_COURSE
from support.services.emails import consultation_request_send
from tests.factories.support import ConsultationFactory, ServiceContactFactory
from tests.factories.teams import InstitutionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)
INTL, TL, IT = ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING, ServiceKind.IT
Status = Consultation.Status


def save(cast, institution=None, kind=INTL, **fields):
    fields.setdefault("status", Status.REQUESTED)
    fields.setdefault("due_by", TODAY + timedelta(days=14))
    return svc.consultation_save(
        actor=cast.leader,
        course=cast.course,
        institution=institution or cast.course.lead_institution,
        kind=kind,
        today=TODAY,
        **fields,
    )


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Validation ------------------------------------------------------------------------------------------------


def test_request_records_who_and_when(cast):
    consultation = save(cast)
    assert (consultation.requested_by, consultation.requested_on) == (cast.leader, TODAY)
    assert consultation.history.first().history_user == cast.leader


def test_due_date_before_request_date_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        save(cast, due_by=TODAY - timedelta(days=1))
    assert errors_of(excinfo) == {"due_by": [svc.DUE_BEFORE_REQUEST % {"requested_on": f"{TODAY:%d %b %Y}"}]}


def test_due_date_on_request_date_is_accepted(cast):
    assert save(cast, due_by=TODAY).due_by == TODAY


def test_request_needs_a_due_date(cast):
    with pytest.raises(ValidationError) as excinfo:
        save(cast, due_by=None)
    assert errors_of(excinfo) == {"due_by": [svc.DUE_REQUIRED]}


def test_held_on_in_the_future_is_refused(cast):
    save(cast)
    with pytest.raises(ValidationError) as excinfo:
        save(cast, status=Status.HELD, held_on=TODAY + timedelta(days=1))
    assert errors_of(excinfo) == {"held_on": [DATE_IN_FUTURE]}


def test_held_needs_a_date_and_not_before_the_request(cast):
    save(cast)
    with pytest.raises(ValidationError) as excinfo:
        save(cast, status=Status.HELD)
    assert errors_of(excinfo) == {"held_on": [svc.HELD_REQUIRED]}
    with pytest.raises(ValidationError) as excinfo:
        save(cast, status=Status.HELD, held_on=TODAY - timedelta(days=1))
    assert errors_of(excinfo) == {"held_on": [svc.HELD_BEFORE_REQUEST % {"requested_on": f"{TODAY:%d %b %Y}"}]}


def test_meeting_date_with_an_open_status_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        save(cast, held_on=TODAY)
    assert errors_of(excinfo) == {"held_on": [svc.HELD_NEEDS_STATUS]}


def test_institution_outside_the_course_is_refused(cast):
    with pytest.raises(ValidationError) as excinfo:
        save(cast, institution=InstitutionFactory())
    assert errors_of(excinfo) == {"institution": [INSTITUTION_NOT_IN_COURSE]}


def test_failed_update_keeps_what_was_saved(cast):
    save(cast, due_by=TODAY + timedelta(days=5))
    with pytest.raises(ValidationError):
        save(cast, status=Status.HELD, held_on=TODAY + timedelta(days=3), outcome="lost?")
    consultation = Consultation.objects.get()
    assert (consultation.status, consultation.outcome, consultation.due_by) == (
        Status.REQUESTED,
        "",
        TODAY + timedelta(days=5),
    )


def test_held_then_closed_keeps_the_request(cast):
    save(cast)
    save(cast, status=Status.HELD, held_on=TODAY, outcome="Mobility window agreed")
    closed = save(cast, status=Status.CLOSED, held_on=TODAY, follow_up_actions="Learning agreement drafted")
    assert (closed.requested_on, closed.requested_by, closed.outcome) == (TODAY, cast.leader, "")
    assert closed.history.count() == 3


# --- The request e-mail ----------------------------------------------------------------------------------------


def test_request_emails_the_contact_the_course_essentials_once(cast, django_capture_on_commit_callbacks):
    contact = ServiceContactFactory(institution=cast.course.lead_institution, kind=INTL, name="Ana Novak")
    with django_capture_on_commit_callbacks(execute=True):
        consultation = save(cast)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [contact.email]
    assert message.reply_to == [cast.leader.email]
    assert cast.course.title in message.subject
    for essential in (cast.course.lead_institution.name, "5 ECTS", "EQF level 6", "Internationalisation services"):
        assert essential in message.body
    assert "Dear Ana Novak" in message.body
    # A redelivered task finds the request claimed and sends nothing.
    assert consultation_request_send(consultation_id=consultation.pk) is False
    assert len(mail.outbox) == 1


def test_updating_a_request_does_not_email_again_but_a_new_request_does(cast, django_capture_on_commit_callbacks):
    ServiceContactFactory(institution=cast.course.lead_institution, kind=INTL)
    with django_capture_on_commit_callbacks(execute=True):
        save(cast)
        save(cast, due_by=TODAY + timedelta(days=30))
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        save(cast, status=Status.PLANNED)
        save(cast)
    assert len(mail.outbox) == 2


def test_request_without_contact_sends_nothing_but_is_recorded(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        consultation = save(cast)
    assert mail.outbox == []
    consultation.refresh_from_db()
    assert consultation.status == Status.REQUESTED and consultation.request_sent_at is None


def test_planning_sends_nothing(cast, django_capture_on_commit_callbacks):
    ServiceContactFactory(institution=cast.course.lead_institution, kind=INTL)
    with django_capture_on_commit_callbacks(execute=True):
        save(cast, status=Status.PLANNED, due_by=None)
    assert mail.outbox == []


# --- The guideline's order -------------------------------------------------------------------------------------


def test_partner_request_before_the_leads_first_two_is_refused(cast, partner_institution):
    save(cast, kind=INTL)
    with pytest.raises(ValidationError) as excinfo:
        save(cast, institution=partner_institution, kind=IT)
    assert errors_of(excinfo) == {"status": [LEAD_FIRST % {"lead": cast.course.lead_institution}]}
    assert not Consultation.objects.filter(institution=partner_institution).exists()


def test_partner_may_plan_before_the_lead_and_request_after(cast, partner_institution):
    save(cast, institution=partner_institution, kind=IT, status=Status.PLANNED, due_by=None)
    save(cast, kind=INTL)
    save(cast, kind=TL)
    assert save(cast, institution=partner_institution, kind=IT).status == Status.REQUESTED


def test_leads_other_services_before_the_first_two_are_warned_not_refused(cast):
    lead = cast.course.lead_institution
    warning = order_warning(lead_id=lead.pk, lead_name=str(lead), institution_id=lead.pk, kind=IT, engaged=set())
    assert warning == WARN_LEAD_FIRST_TWO
    assert save(cast, kind=IT).status == Status.REQUESTED
    assert order_warning(lead_id=lead.pk, lead_name=str(lead), institution_id=lead.pk, kind=INTL, engaged=set()) is None


# --- Lapse derivation ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_by", "status", "held_on", "lapsed"),
    [
        (TODAY, Status.REQUESTED, None, False),  # due today: still time
        (TODAY - timedelta(days=1), Status.REQUESTED, None, True),  # due yesterday, not held
        (TODAY - timedelta(days=1), Status.PLANNED, None, True),
        (TODAY - timedelta(days=1), Status.HELD, TODAY - timedelta(days=2), False),
        (TODAY - timedelta(days=1), Status.CLOSED, None, False),
        (None, Status.PLANNED, None, False),
    ],
)
def test_lapse_is_derived_at_its_boundary(cast, due_by, status, held_on, lapsed):
    ConsultationFactory(course=cast.course, status=status, requested_on=None, due_by=due_by, held_on=held_on)
    row = Consultation.objects.with_lapsed(TODAY).get()
    assert row.is_lapsed is lapsed
    assert Consultation.objects.lapsed(TODAY).exists() is lapsed
