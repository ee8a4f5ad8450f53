"""The support pages as a person uses them: the matrix and its filter, inline requests, forms and their errors."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from phases.models import Phase
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
from support.ordering import LEAD_FIRST, WARN_LEAD_FIRST_TWO
from support.services import specifics
from support.services.consultations import DUE_BEFORE_REQUEST
from teams.models import Affiliation, InstitutionRole
from tests.factories.accounts import UserFactory
from tests.factories.support import ConsultationFactory, TaskForceMemberFactory, contacts_for, phase
from tests.factories.teams import CourseFactory, add_partner, leader_of, verified
from tests.utils import invalidate_fragments

pytestmark = pytest.mark.django_db

INTL, TL, IT = ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING, ServiceKind.IT
Status = Consultation.Status


def url(name, course, **kwargs):
    return reverse(f"support:{name}", kwargs={"slug": course.slug, **kwargs})


def consultation_post(institution_id, kind=INTL, **fields):
    return {f"consultation-{institution_id}-{kind}-{k}": v for k, v in fields.items()}


def today():
    return timezone.localdate()


# --- The matrix --------------------------------------------------------------------------------------------------


def test_matrix_shows_status_due_date_and_next_step(client, cast, partner_institution):
    lead = cast.course.lead_institution
    ConsultationFactory(course=cast.course, institution=lead, kind=TL, due_by=today() - timedelta(days=1),
                        requested_on=today() - timedelta(days=9))  # fmt: skip
    ConsultationFactory(course=cast.course, institution=lead, kind=INTL, due_by=today() + timedelta(days=3))
    client.force_login(cast.partner)
    html = client.get(url("matrix", cast.course)).content.decode()
    lapsed_cell = html.split(f'id="cell-{lead.pk}-{TL}"')[1].split("</td>")[0]
    assert "mc-cell-lapsed" in html and "Lapsed" in lapsed_cell and "chase up" in lapsed_cell
    requested_cell = html.split(f'id="cell-{lead.pk}-{INTL}"')[1].split("</td>")[0]
    assert "Requested" in requested_cell and "Next: hold the meeting" in requested_cell
    missing_cell = html.split(f'id="cell-{partner_institution.pk}-{IT}"')[1].split("</td>")[0]
    assert "Not engaged" in missing_cell and "Next: record a contact, then request" in missing_cell
    assert "1 lapsed" in html
    # A partner may update only its own row.
    assert url("consultation_edit", cast.course, institution_id=partner_institution.pk, kind=IT) in html
    assert url("consultation_edit", cast.course, institution_id=lead.pk, kind=IT) not in html


def _course_with(n_partners: int):
    course = CourseFactory()
    institutions = [course.lead_institution] + [add_partner(course) for _ in range(n_partners)]
    for institution in institutions:
        contacts_for(institution, [INTL, IT])
        ConsultationFactory(course=course, institution=institution, kind=INTL)
        ConsultationFactory(course=course, institution=institution, kind=IT, status=Status.PLANNED,
                            requested_on=None, due_by=today() - timedelta(days=2))  # fmt: skip
        TaskForceMemberFactory(course=course, institution=institution)
        ApprovalStep.objects.create(course=course, institution=institution, step="faculty", status="in_progress")
    agreement = specifics.agreement_add(actor=leader_of(course), course=course, kind="consortium", title="Consortium")
    assert agreement.signatures.count() == len(institutions)
    return course


def _count(client, path, **headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **headers)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("matrix", ""),
        ("matrix", "?status=lapsed"),
        ("matrix", "?status=missing"),
        ("contacts", ""),
        ("task_force", ""),
        ("specifics", ""),
    ],
)
def test_page_query_count_does_not_grow_with_institutions(client, name, params):
    counts = []
    for n in (2, 20):
        course = _course_with(n)
        client.force_login(leader_of(course))
        counts.append(_count(client, url(name, course) + params))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["contacts_edit", "consultation_edit", "approval_edit"])
def test_edit_page_query_count_does_not_grow_with_institutions(client, name):
    counts = []
    for n in (2, 20):
        course = _course_with(n)
        client.force_login(leader_of(course))
        if name == "contacts_edit":
            keeper = InstitutionRole.Role.CONTACT_KEEPER
            verified(leader_of(course), course.lead_institution, Affiliation.Kind.STAFF, keeper)
        kwargs = {"institution_id": course.lead_institution_id}
        kwargs.update({"consultation_edit": {"kind": INTL}, "approval_edit": {"step": "faculty"}}.get(name, {}))
        counts.append(_count(client, url(name, course, **kwargs)))
    assert counts[0] == counts[1], counts


def test_matrix_query_count_is_pinned(client, django_assert_num_queries):
    course = _course_with(2)
    client.force_login(leader_of(course))
    client.get(url("matrix", course))  # warm the content-type cache
    invalidate_fragments()  # measure the matrix rendered from the database
    # session, course with permissions, scope, partnerships, consultations, contacts (user and bell: cached)
    with django_assert_num_queries(6):
        client.get(url("matrix", course))


def test_course_overview_panels_have_fixed_query_count(client):
    counts = []
    for n in (2, 20):
        course = _course_with(n)
        phase(course, Phase.Kind.DESIGN, today() - timedelta(days=10), today() + timedelta(days=90))
        client.force_login(leader_of(course))
        counts.append(_count(client, reverse("teams:course_detail", kwargs={"slug": course.slug})))
    assert counts[0] == counts[1], counts


def test_filter_by_institution_and_status(client, cast, partner_institution):
    lead = cast.course.lead_institution
    ConsultationFactory(course=cast.course, institution=lead, kind=TL, due_by=today() - timedelta(days=1),
                        requested_on=today() - timedelta(days=5))  # fmt: skip
    ConsultationFactory(course=cast.course, institution=lead, kind=INTL, due_by=today() + timedelta(days=5))
    client.force_login(cast.leader)
    html = client.get(url("matrix", cast.course), {"institution": partner_institution.pk}).content.decode()
    assert f'id="cell-{partner_institution.pk}-{INTL}"' in html and f'id="cell-{lead.pk}-{INTL}"' not in html
    html = client.get(url("matrix", cast.course), {"status": "lapsed"}).content.decode()
    # Only the lead's row has a lapsed cell; its other cells are dimmed, the partner's row is hidden.
    assert f'id="cell-{partner_institution.pk}-{INTL}"' not in html
    assert f'id="cell-{lead.pk}-{TL}" class="mc-cell mc-cell-lapsed"' in html
    assert f'id="cell-{lead.pk}-{INTL}" class="mc-cell mc-cell-requested mc-cell-dimmed"' in html
    html = client.get(url("matrix", cast.course), {"status": "missing"}).content.decode()
    assert f'id="cell-{lead.pk}-{INTL}" class="mc-cell mc-cell-requested mc-cell-dimmed"' in html
    assert f'id="cell-{partner_institution.pk}-{INTL}" class="mc-cell mc-cell-missing"' in html


def test_partner_cells_wait_for_the_leads_first_consultations(client, cast, partner_institution):
    client.force_login(cast.partner)
    html = client.get(url("matrix", cast.course)).content.decode()
    assert html.count("Next: after the lead&#x27;s first consultations") == len(ServiceKind.values)
    ConsultationFactory(course=cast.course, kind=INTL)
    ConsultationFactory(course=cast.course, kind=TL)
    html = client.get(url("matrix", cast.course)).content.decode()
    assert "after the lead" not in html


def test_filter_with_htmx_returns_only_the_matrix_section(client, cast):
    client.force_login(cast.leader)
    response = client.get(url("matrix", cast.course), {"status": "held"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="section-matrix"')
    assert "No consultation matches this filter." in html


def test_filter_ignores_another_courses_institution(client, cast):
    client.force_login(cast.leader)
    response = client.get(url("matrix", cast.course), {"institution": cast.other_course.lead_institution_id})
    assert response.status_code == 200
    assert cast.other_course.lead_institution.name not in response.content.decode()


# --- Inline requests and updates -------------------------------------------------------------------------------


def test_leader_requests_inline_and_the_cell_changes(client, cast, django_capture_on_commit_callbacks):
    lead = cast.course.lead_institution
    contacts_for(lead, [INTL])
    client.force_login(cast.leader)
    editor = client.get(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL), HTTP_HX_REQUEST="true"
    )
    assert f'name="consultation-{lead.pk}-internationalisation-due_by"' in editor.content.decode()
    due = today() + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL),
            consultation_post(lead.pk, status="requested", due_by=due.isoformat()),
            HTTP_HX_REQUEST="true",
        )
    html = response.content.decode()
    assert response.status_code == 200
    cell = html.split(f'id="cell-{lead.pk}-{INTL}"')[1].split("</td>")[0]
    assert "Requested" in cell and f'Due <time datetime="{due.isoformat()}"' in cell
    assert "the service contact receives the course's essentials by e-mail" in html.replace("&#x27;", "'")
    consultation = Consultation.objects.get()
    assert (consultation.status, consultation.requested_by, consultation.due_by) == (Status.REQUESTED, cast.leader, due)


def test_lead_other_service_first_shows_the_guideline_warning(client, cast):
    lead = cast.course.lead_institution
    client.force_login(cast.leader)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=IT),
        consultation_post(lead.pk, IT, status="requested", due_by=(today() + timedelta(days=5)).isoformat()),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert WARN_LEAD_FIRST_TWO in html
    assert "No contact is recorded for this service, so no e-mail went out" in html


def test_partner_request_before_the_lead_is_refused_at_the_field(client, cast, partner_institution):
    client.force_login(cast.partner)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=partner_institution.pk, kind=IT),
        consultation_post(
            partner_institution.pk, IT, status="requested", due_by=(today() + timedelta(days=5)).isoformat()
        ),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert LEAD_FIRST.format(lead=cast.course.lead_institution) in response.content.decode().replace("&#x27;", "'")
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "requested", "due_by": "2000-01-01"}, "The due date cannot be before the request date"),
        ({"status": "requested", "due_by": "not a date"}, "Enter a valid date."),
        ({"status": "requested"}, "Give the date by which the service should meet the team."),
        ({"status": "teleported"}, "Select a valid choice."),
        ({"status": "held", "held_on": "2999-01-01", "due_by": "2999-01-01"}, "This date is in the future"),
        ({"status": "planned", "outcome": "x" * 4001}, "Ensure this value has at most 4000 characters"),
        ({}, "This field is required."),
    ],
)
def test_consultation_form_errors_answer_400_with_the_message(client, cast, fields, message):
    lead = cast.course.lead_institution
    client.force_login(cast.leader)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL),
        consultation_post(lead.pk, **fields),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'id="consultation-editor"' in response.content.decode()
    assert not Consultation.objects.exists()


def test_due_before_request_message_names_the_request_date(client, cast):
    lead = cast.course.lead_institution
    client.force_login(cast.leader)
    response = client.post(
        url("consultation_edit", cast.course, institution_id=lead.pk, kind=INTL),
        consultation_post(lead.pk, status="requested", due_by=(today() - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert DUE_BEFORE_REQUEST.format(requested_on=today()) in response.content.decode()


# --- Contacts ----------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("contact_keepers")
def test_partner_keeps_own_contacts_with_history(client, cast, partner_institution):
    client.force_login(cast.partner)
    response = client.post(
        url("contacts_edit", cast.course, institution_id=partner_institution.pk),
        {f"{INTL}-unit": "International Office", f"{INTL}-name": "Ana", f"{INTL}-email": "io@uni.example.org"},
    )
    assert response.status_code == 302
    contact = ServiceContact.objects.get(institution=partner_institution, kind=INTL)
    assert contact.history.first().history_user == cast.partner
    page = client.get(url("contacts", cast.course)).content.decode()
    assert "io@uni.example.org" in page and "Edit our institution" in page


@pytest.mark.usefixtures("contact_keepers")
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({f"{INTL}-unit": "International Office"}, "Give an e-mail address the request can be sent to."),
        ({f"{INTL}-email": "io@uni.example.org"}, "Give the unit (office or department) to contact."),
        ({f"{INTL}-unit": "IO", f"{INTL}-email": "not-an-address"}, "Enter a valid email address."),
        ({f"{INTL}-unit": "x" * 201, f"{INTL}-email": "io@uni.example.org"}, "at most 200 characters"),
    ],
)
def test_contact_form_errors(client, cast, partner_institution, data, message):
    ServiceContact.objects.create(institution=partner_institution, kind=IT, unit="IT desk", email="it@uni.example.org")
    client.force_login(cast.partner)
    response = client.post(url("contacts_edit", cast.course, institution_id=partner_institution.pk),
                           {**data, f"{IT}-unit": "Changed", f"{IT}-email": "it@uni.example.org"})  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ServiceContact.objects.get(kind=IT).unit == "IT desk"  # nothing half-saved


@pytest.mark.usefixtures("contact_keepers")
def test_emptying_a_contact_removes_it(client, cast, partner_institution):
    ServiceContact.objects.create(institution=partner_institution, kind=IT, unit="IT desk", email="it@uni.example.org")
    client.force_login(cast.partner)
    response = client.post(url("contacts_edit", cast.course, institution_id=partner_institution.pk), {})
    assert response.status_code == 302
    assert not ServiceContact.objects.exists()


# --- Task force --------------------------------------------------------------------------------------------------


def test_partner_adds_own_representative_who_may_then_see_the_course(client, cast, partner_institution):
    client.force_login(cast.partner)
    response = client.post(
        url("task_force_add", cast.course),
        {"taskforce-institution": partner_institution.pk, "taskforce-kind": INTL, "taskforce-email": "rep@u.example.org",
         "taskforce-first_name": "Rita", "taskforce-last_name": "Rep"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    assert response.status_code == 200
    assert "Rita Rep" in response.content.decode()
    member = TaskForceMember.objects.get()
    client.force_login(member.user)
    assert client.get(url("matrix", cast.course)).status_code == 200
    assert client.get(url("consultation_edit", cast.course, institution_id=partner_institution.pk, kind=INTL)).status_code == 403  # fmt: skip
    client.force_login(cast.partner)
    client.post(url("task_force_remove", cast.course, pk=member.pk))
    client.force_login(member.user)
    assert client.get(url("matrix", cast.course)).status_code == 404


def test_task_force_member_who_is_a_team_member_keeps_access_after_leaving(client, cast, partner_institution):
    client.force_login(cast.leader)
    client.post(url("task_force_add", cast.course),
                {"taskforce-institution": partner_institution.pk, "taskforce-kind": IT, "taskforce-email": cast.partner.email})  # fmt: skip
    member = TaskForceMember.objects.get()
    assert member.user == cast.partner
    client.post(url("task_force_remove", cast.course, pk=member.pk))
    client.force_login(cast.partner)
    assert client.get(url("consultation_edit", cast.course, institution_id=partner_institution.pk, kind=IT)).status_code == 200  # fmt: skip


def test_task_force_form_errors(client, cast, partner_institution):
    client.force_login(cast.leader)
    data = {
        "taskforce-institution": partner_institution.pk,
        "taskforce-kind": INTL,
        "taskforce-email": "rep@u.example.org",
    }
    assert client.post(url("task_force_add", cast.course), data).status_code == 302
    response = client.post(url("task_force_add", cast.course), data)
    assert response.status_code == 400
    assert "already represents this service" in response.content.decode()
    response = client.post(url("task_force_add", cast.course), {**data, "taskforce-email": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    response = client.post(
        url("task_force_add", cast.course), {**data, "taskforce-institution": cast.other_course.lead_institution_id}
    )
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()


# --- Approvals, platform, agreements -----------------------------------------------------------------------------


def test_partner_records_own_approval_step(client, cast, partner_institution):
    client.force_login(cast.partner)
    prefix = f"approval-{partner_institution.pk}-faculty"
    response = client.post(
        url("approval_edit", cast.course, institution_id=partner_institution.pk, step="faculty"),
        {f"{prefix}-status": "done", f"{prefix}-started_on": "2025-01-10", f"{prefix}-completed_on": "2025-02-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Faculty approval at" in response.content.decode()
    step = ApprovalStep.objects.get()
    assert (step.status, str(step.completed_on)) == ("done", "2025-02-01")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "done"}, "Give the date this step was completed."),
        (
            {"status": "done", "started_on": "2025-02-01", "completed_on": "2025-01-01"},
            "cannot be completed before it started",
        ),
        ({"status": "in_progress", "started_on": "2999-01-01"}, "This date is in the future"),
        ({"status": "not_started", "started_on": "2025-01-01"}, "A step that has not started has no dates"),
        ({"status": "in_progress", "completed_on": "2025-01-01"}, "A completion date goes with the status"),
    ],
)
def test_approval_step_errors(client, cast, partner_institution, fields, message):
    client.force_login(cast.leader)
    prefix = f"approval-{partner_institution.pk}-university"
    response = client.post(
        url("approval_edit", cast.course, institution_id=partner_institution.pk, step="university"),
        {f"{prefix}-{k}": v for k, v in fields.items()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not ApprovalStep.objects.exists()


def test_platform_defaults_to_the_lead_institutions_and_leader_records_it(client, cast, partner_institution):
    client.force_login(cast.leader)
    page = client.get(url("specifics", cast.course)).content.decode()
    assert "the lead institution's, by default" in page
    form = client.get(url("platform_edit", cast.course)).content.decode()
    assert f'<option value="{cast.course.lead_institution_id}" selected>' in form
    response = client.post(
        url("platform_edit", cast.course),
        {"platform-host_institution": partner_institution.pk, "platform-name": "Moodle",
         "platform-formats": ["synchronous", "group_collaboration"]},
    )  # fmt: skip
    assert response.status_code == 302
    platform = DeliveryPlatform.objects.get()
    assert (platform.host_institution, platform.formats) == (
        partner_institution,
        ["synchronous", "group_collaboration"],
    )
    response = client.post(url("platform_edit", cast.course), {"platform-host_institution": cast.other_course.lead_institution_id, "platform-name": ""})  # fmt: skip
    assert response.status_code == 400
    assert DeliveryPlatform.objects.get().name == "Moodle"


def test_agreement_signatures_per_institution(client, cast, partner_institution):
    client.force_login(cast.leader)
    response = client.post(url("agreement_add", cast.course), {"agreement-kind": "consortium", "agreement-title": "Consortium agreement"})  # fmt: skip
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert set(agreement.signatures.values_list("institution_id", flat=True)) == {
        cast.course.lead_institution_id,
        partner_institution.pk,
    }
    client.force_login(cast.partner)
    prefix = f"signature-{agreement.pk}-{partner_institution.pk}"
    response = client.post(url("signature_edit", cast.course, pk=agreement.pk, institution_id=partner_institution.pk),
                           {f"{prefix}-status": "signed"}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert response.status_code == 400 and "Give the date the agreement was signed." in response.content.decode()
    response = client.post(url("signature_edit", cast.course, pk=agreement.pk, institution_id=partner_institution.pk),
                           {f"{prefix}-status": "signed", f"{prefix}-signed_on": today().isoformat()}, HTTP_HX_REQUEST="true")  # fmt: skip
    assert response.status_code == 200 and "signed by 1 of 2" in response.content.decode()
    signature = AgreementSignature.objects.get(institution=partner_institution)
    assert signature.status == "signed" and signature.history.first().history_user == cast.partner


def test_agreement_form_errors(client, cast):
    client.force_login(cast.leader)
    response = client.post(url("agreement_add", cast.course), {"agreement-kind": "", "agreement-title": ""})
    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 2


# --- Course page: checklist and task force ------------------------------------------------------------------------


def test_course_page_shows_order_checklist_and_late_first_step(client, cast, partner_institution):
    phase(
        cast.course,
        Phase.Kind.DESIGN,
        today() - timedelta(days=20),
        today() + timedelta(days=80),
        today() - timedelta(days=20),
    )
    ConsultationFactory(course=cast.course, kind=INTL)
    TaskForceMemberFactory(course=cast.course, institution=partner_institution, kind=IT, user__first_name="Tess", user__last_name="Force")  # fmt: skip
    client.force_login(cast.learner)
    html = (
        client.get(reverse("teams:course_detail", kwargs={"slug": cast.course.slug}))
        .content.decode()
        .replace("&#x27;", "'")
    )
    assert "Support services: the guideline's order" in html
    assert "consult the lead institution's internationalisation and teaching and learning services now" in html
    assert 'Teaching and learning support <span class="mc-muted">· not yet' in html
    assert "Joint task force" in html and "Tess Force" in html
    assert f"{cast.course.lead_institution.name}" in html


def test_checklist_moves_on_when_the_first_two_were_held(client, cast, partner_institution):
    ConsultationFactory(course=cast.course, kind=INTL, status=Status.HELD, held_on=today())
    ConsultationFactory(course=cast.course, kind=TL, status=Status.HELD, held_on=today())
    ConsultationFactory(course=cast.course, institution=partner_institution, kind=IT)
    client.force_login(cast.leader)
    html = client.get(reverse("teams:course_detail", kwargs={"slug": cast.course.slug})).content.decode()
    step2 = html.split("2. ")[1].split("</div>")[0]
    assert "consults its other services" in step2 and "next" in step2
    assert "0 of 6 held, 1 requested" in html
    assert "Done:" in html.split("1. ")[0][-200:]


def test_checklist_ticks_a_consultation_only_when_held_not_when_requested_or_lapsed(client, cast):
    ConsultationFactory(course=cast.course, kind=INTL, requested_on=today() - timedelta(days=30),
                        due_by=today() - timedelta(days=2))  # fmt: skip
    ConsultationFactory(course=cast.course, kind=TL, requested_on=today(), due_by=today() + timedelta(days=9))
    client.force_login(cast.leader)
    html = client.get(reverse("teams:course_detail", kwargs={"slug": cast.course.slug})).content.decode()
    step1 = html.split("1. ")[1].split("2. ")[0]
    assert "Done:" not in html.split("1. ")[0][-200:] and "done:" not in step1
    assert f"lapsed: was due by {(today() - timedelta(days=2)):%-d %b %Y}" in step1
    assert f"requested, due by {(today() + timedelta(days=9)):%-d %b %Y}" in step1
    assert "Consultation lapsed" in html and "Nothing is late" not in html  # and "Where we are" says so


def test_representing_an_institution_on_a_course_does_not_let_one_edit_its_contacts(client, cast, lead_institution):
    """The hole: anyone on a course for an institution (even a learner) could change what all its courses show."""
    client.force_login(cast.qa)
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 403
    client.force_login(cast.leader)  # verified staff of the lead institution, but without the role
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 403
    page = client.get(url("contacts", cast.course)).content.decode()
    assert "Edit our institution" not in page


def test_contacts_are_kept_by_verified_staff_the_institution_gave_the_role(client, cast, lead_institution):
    verified(cast.qa, lead_institution, Affiliation.Kind.STAFF, InstitutionRole.Role.CONTACT_KEEPER)
    client.force_login(cast.qa)
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 200
    InstitutionRole.objects.filter(user=cast.qa).delete()
    assert client.get(url("contacts_edit", cast.course, institution_id=lead_institution.pk)).status_code == 403


def test_a_self_chosen_home_institution_gives_no_power_over_its_contacts(client, lead_institution):
    """The reported attack: a user in no course sets another university as home and edits its contacts."""
    from tests.factories.teams import CourseFactory

    attacker = UserFactory()
    client.force_login(attacker)
    client.post(
        reverse("accounts:profile"), {"first_name": "Eve", "last_name": "X", "home_institution": lead_institution.pk}
    )
    attacker.refresh_from_db()
    assert attacker.home_institution is None
    assert client.get(reverse("teams:course_create")).status_code == 403
    with pytest.raises(ValidationError):
        CourseFactory(leader=attacker)
