"""The support matrix as a person uses it: statuses, filters, query counts, and the course page's checklist."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phases.models import Phase
from support.models import (
    ApprovalStep,
    ServiceKind,
)
from support.services import specifics
from teams.models import Affiliation, InstitutionRole
from tests.factories.support import ConsultationFactory, TaskForceMemberFactory, contacts_for, phase
from tests.factories.teams import CourseFactory, add_partner, leader_of, verified
from tests.support.pages import INTL, IT, TL, Status, today, url
from tests.utils import invalidate_fragments

pytestmark = pytest.mark.django_db


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
