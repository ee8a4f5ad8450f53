"""The team page keeps its parts in step without a reload: a new partner is offered at once in "Add a member",
and the missing-representative warning goes as soon as that representative is added (htmx out-of-band swaps)."""

import re

import pytest
from django.urls import reverse

from teams.models import Membership
from tests.factories.teams import InstitutionFactory

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(cast, name):
    return reverse(f"teams:{name}", kwargs={"slug": cast.course.slug})


def oob(body: str, element_id: str) -> str:
    """The out-of-band element of the response with that id ('' when absent)."""
    found = re.search(rf'<div[^>]*id="{element_id}" hx-swap-oob="true">.*?</div>\s*(?=<div|$)', body, re.S)
    return found.group(0) if found else ""


def test_a_new_partner_is_offered_at_once_and_the_warning_follows_its_representative(client, cast):
    client.force_login(cast.leader)
    institution = InstitutionFactory(name="Universidade Nova de Lisboa")

    response = client.post(url(cast, "partner_add"), {"partner-institution": institution.pk}, **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    field = oob(body, "member-institution-field")
    assert f'<option value="{institution.pk}">Universidade Nova de Lisboa' in field  # in "Add a member" at once
    assert f"Missing: {institution}." in body  # the warning, in the swapped partners section

    data = {
        "member-email": "rita@example.org",
        "member-first_name": "Rita",
        "member-role": Membership.Role.PARTNER,
        "member-institution": institution.pk,
    }
    response = client.post(url(cast, "member_add"), data, **HTMX)
    assert response.status_code == 200
    warning = oob(response.content.decode(), "missing-representatives")
    assert warning and "Missing" not in warning and "alert" not in warning  # the warning is gone


def test_removing_the_only_representative_brings_the_warning_back(client, cast):
    client.force_login(cast.leader)
    seat = Membership.objects.get(course=cast.course, user=cast.partner)
    client.post(reverse("teams:member_remove", kwargs={"slug": cast.course.slug, "pk": seat.pk}), **HTMX)
    page = client.get(url(cast, "team")).content.decode()
    assert 'id="missing-representatives">' in page  # in place on the page, not out of band
    assert "hx-swap-oob" not in page


def test_a_page_load_has_no_out_of_band_parts(client, cast):
    client.force_login(cast.leader)
    page = client.get(url(cast, "team")).content.decode()
    assert page.count('id="member-institution-field"') == 1 and page.count('id="missing-representatives"') == 1
