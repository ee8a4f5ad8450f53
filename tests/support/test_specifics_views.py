"""Approval steps, the delivery platform and agreements with their signatures."""

import pytest

from support.models import (
    Agreement,
    AgreementSignature,
    ApprovalStep,
    DeliveryPlatform,
)
from tests.support.pages import today, url

pytestmark = pytest.mark.django_db


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
        ({"status": "in_progress", "started_on": "2045-01-01"}, "This date is in the future"),
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
