"""The joint task force: each institution adds and removes its own representatives."""

import pytest

from support.models import (
    TaskForceMember,
)
from tests.support.pages import INTL, IT, url

pytestmark = pytest.mark.django_db


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
