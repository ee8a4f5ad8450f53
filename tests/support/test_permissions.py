"""Who may open and change each support URL: one row per URL, one expected status per person.

Expected statuses: 200 page, 302 a successful non-htmx POST (redirect back) or anonymous sent to login,
403 a refused action on a visible course, 404 another course. ``lead`` and ``partner`` in a URL mean
the lead institution and the cast partner's institution.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from support.models import Agreement, AgreementSignature, Consultation, ServiceKind, TaskForceMember
from tests.factories.support import TaskForceMemberFactory

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "outsider", "learner", "stakeholder", "partner", "qa", "leader", "admin"]

INTL = ServiceKind.INTERNATIONALISATION


def _expect(row: str) -> dict[str, int]:
    return dict(zip(WHO, (int(x) for x in row.split()), strict=True))


#                                          anon out learner stake partner qa  leader admin
VIEW_ALL = _expect("                        302  404 200     200   200     200 200    200")
LEAD_ONLY_STAFF = _expect("                 302  404 403     403   403     403 200    200")
PARTNER_ROW = _expect("                     302  404 403     403   200     403 200    200")
# Contacts: verified staff holding the institution's contact role (fixture contact_keepers), never a student.
CONTACTS_LEAD = _expect("                   302  404 403     403   403     200 403    200")
CONTACTS_PARTNER = _expect("                302  404 403     403   200     403 403    200")

GET_URLS = [
    ("matrix", {}, VIEW_ALL),
    ("contacts", {}, VIEW_ALL),
    ("task_force", {}, VIEW_ALL),
    ("specifics", {}, VIEW_ALL),
    ("consultation_edit", {"institution_id": "lead", "kind": INTL}, LEAD_ONLY_STAFF),
    ("consultation_edit", {"institution_id": "partner", "kind": INTL}, PARTNER_ROW),
    ("contacts_edit", {"institution_id": "lead"}, CONTACTS_LEAD),
    ("contacts_edit", {"institution_id": "partner"}, CONTACTS_PARTNER),
    ("approval_edit", {"institution_id": "lead", "step": "faculty"}, LEAD_ONLY_STAFF),
    ("approval_edit", {"institution_id": "partner", "step": "faculty"}, PARTNER_ROW),
    ("platform_edit", {}, LEAD_ONLY_STAFF),
    ("signature_edit", {"pk": "agreement", "institution_id": "lead"}, LEAD_ONLY_STAFF),
    ("signature_edit", {"pk": "agreement", "institution_id": "partner"}, PARTNER_ROW),
]


@pytest.fixture
def agreement(cast):
    agreement = Agreement.objects.create(course=cast.course, kind=Agreement.Kind.CONSORTIUM, title="Consortium")
    return agreement


def _resolve(kwargs: dict, cast, partner_institution, agreement) -> dict:
    ids = {"lead": cast.course.lead_institution_id, "partner": partner_institution.pk, "agreement": agreement.pk}
    return {"slug": cast.course.slug, **{k: ids.get(v, v) for k, v in kwargs.items()}}


def _login(client, cast, who):
    if who != "anonymous":
        client.force_login(cast.user(who))


@pytest.mark.usefixtures("contact_keepers")
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(("name", "kwargs", "expected"), GET_URLS, ids=lambda v: v if isinstance(v, str) else "")
def test_get_permission_matrix(client, cast, partner_institution, agreement, who, name, kwargs, expected):
    _login(client, cast, who)
    response = client.get(reverse(f"support:{name}", kwargs=_resolve(kwargs, cast, partner_institution, agreement)))
    assert response.status_code == expected[who]


def _consultation_data(institution_id):
    prefix = f"consultation-{institution_id}-{INTL}"
    return {f"{prefix}-status": "planned"}


def _approval_data(institution_id):
    return {f"approval-{institution_id}-faculty-status": "in_progress"}


def _signature_data(agreement_id, institution_id):
    return {f"signature-{agreement_id}-{institution_id}-status": "pending"}


POST_ROWS = [
    ("consultation_edit", {"institution_id": "lead", "kind": INTL}, "consultation-lead", LEAD_ONLY_STAFF),
    ("consultation_edit", {"institution_id": "partner", "kind": INTL}, "consultation-partner", PARTNER_ROW),
    ("approval_edit", {"institution_id": "partner", "step": "faculty"}, "approval-partner", PARTNER_ROW),
    ("approval_edit", {"institution_id": "lead", "step": "faculty"}, "approval-lead", LEAD_ONLY_STAFF),
    ("signature_edit", {"pk": "agreement", "institution_id": "partner"}, "signature-partner", PARTNER_ROW),
    ("platform_edit", {}, "platform", LEAD_ONLY_STAFF),
    ("agreement_add", {}, "agreement", LEAD_ONLY_STAFF),
    ("contacts_edit", {"institution_id": "partner"}, "contacts-partner", CONTACTS_PARTNER),
    ("contacts_edit", {"institution_id": "lead"}, "contacts-lead", CONTACTS_LEAD),
    ("task_force_add", {}, "taskforce-partner", PARTNER_ROW),
    ("task_force_add", {}, "taskforce-lead", LEAD_ONLY_STAFF),
]


def _post_data(key, cast, partner_institution, agreement) -> dict:
    lead_id, partner_id = cast.course.lead_institution_id, partner_institution.pk
    institution_id = partner_id if key.endswith("partner") else lead_id
    if key.startswith("consultation"):
        return _consultation_data(institution_id)
    if key.startswith("approval"):
        return _approval_data(institution_id)
    if key.startswith("signature"):
        return _signature_data(agreement.pk, institution_id)
    if key == "platform":
        return {"platform-host_institution": lead_id, "platform-name": "Moodle"}
    if key == "agreement":
        return {"agreement-kind": "credit_recognition", "agreement-title": "Credit recognition"}
    if key.startswith("contacts"):
        return {f"{INTL}-unit": "International Office", f"{INTL}-email": "io@uni.example.org"}
    return {
        "taskforce-institution": institution_id,
        "taskforce-kind": INTL,
        "taskforce-email": "rep@uni.example.org",
    }


# A successful non-htmx POST redirects back to its page (302), so allowed rows expect 302 instead of 200.
def _post_expected(expected: dict[str, int]) -> dict[str, int]:
    return {who: 302 if status == 200 else status for who, status in expected.items()}


@pytest.mark.usefixtures("contact_keepers")
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize(
    ("name", "kwargs", "key", "expected"), POST_ROWS, ids=lambda v: v if isinstance(v, str) else ""
)
def test_post_permission_matrix(client, cast, partner_institution, agreement, who, name, kwargs, key, expected):
    _login(client, cast, who)
    url = reverse(f"support:{name}", kwargs=_resolve(kwargs, cast, partner_institution, agreement))
    response = client.post(url, _post_data(key, cast, partner_institution, agreement))
    assert response.status_code == _post_expected(expected)[who], response.content.decode()[:500]


@pytest.mark.parametrize("who", WHO)
def test_task_force_remove_matrix(client, cast, partner_institution, who):
    member = TaskForceMemberFactory(course=cast.course, institution=partner_institution, kind=INTL)
    _login(client, cast, who)
    response = client.post(reverse("support:task_force_remove", kwargs={"slug": cast.course.slug, "pk": member.pk}))
    assert response.status_code == _post_expected(PARTNER_ROW)[who]
    assert TaskForceMember.objects.filter(pk=member.pk).exists() == (PARTNER_ROW[who] != 200)


@pytest.mark.parametrize("who", WHO)
def test_agreement_remove_matrix(client, cast, agreement, who):
    _login(client, cast, who)
    response = client.post(reverse("support:agreement_remove", kwargs={"slug": cast.course.slug, "pk": agreement.pk}))
    assert response.status_code == _post_expected(LEAD_ONLY_STAFF)[who]
    assert Agreement.objects.filter(pk=agreement.pk).exists() == (LEAD_ONLY_STAFF[who] != 200)


def test_partner_cannot_change_lead_consultation_even_with_htmx(client, cast):
    client.force_login(cast.partner)
    url = reverse(
        "support:consultation_edit",
        kwargs={"slug": cast.course.slug, "institution_id": cast.course.lead_institution_id, "kind": INTL},
    )
    response = client.post(url, _consultation_data(cast.course.lead_institution_id), HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert not Consultation.objects.exists()


def test_another_courses_institution_and_objects_are_not_found(client, cast):
    """Ids of another course's institution, agreement or task force member answer 404, never 403."""
    other = cast.other_course
    other_agreement = Agreement.objects.create(course=other, kind=Agreement.Kind.OTHER, title="Theirs")
    other_member = TaskForceMemberFactory(course=other, institution=other.lead_institution)
    client.force_login(cast.leader)
    slug = cast.course.slug
    urls = [
        reverse("support:consultation_edit", kwargs={"slug": slug, "institution_id": other.lead_institution_id, "kind": INTL}),
        reverse("support:contacts_edit", kwargs={"slug": slug, "institution_id": other.lead_institution_id}),
        reverse("support:approval_edit", kwargs={"slug": slug, "institution_id": other.lead_institution_id, "step": "faculty"}),
        reverse("support:signature_edit", kwargs={"slug": slug, "pk": other_agreement.pk, "institution_id": cast.course.lead_institution_id}),
    ]  # fmt: skip
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("support:agreement_remove", kwargs={"slug": slug, "pk": other_agreement.pk})).status_code
        == 404
    )
    assert (
        client.post(reverse("support:task_force_remove", kwargs={"slug": slug, "pk": other_member.pk})).status_code
        == 404
    )
    assert Agreement.objects.filter(pk=other_agreement.pk).exists()
    assert AgreementSignature.objects.count() == 0


def test_unknown_service_kind_or_step_is_not_found(client, cast):
    client.force_login(cast.leader)
    lead = cast.course.lead_institution_id
    assert client.get(reverse("support:consultation_edit", kwargs={"slug": cast.course.slug, "institution_id": lead, "kind": "catering"})).status_code == 404  # fmt: skip
    assert client.get(reverse("support:approval_edit", kwargs={"slug": cast.course.slug, "institution_id": lead, "step": "senate"})).status_code == 404  # fmt: skip
