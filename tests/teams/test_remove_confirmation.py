"""Removing a partner or a member is confirmed on a page of its own (no JavaScript needed), and only by the leader."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from teams import services
from teams.models import Membership, Partnership
from tests.utils import expect, matrix

pytestmark = pytest.mark.django_db


def url(cast, name, pk):
    return reverse(f"teams:{name}", kwargs={"slug": cast.course.slug, "pk": pk})


def test_team_page_links_removals_to_confirmation_pages_not_script_prompts(client, cast):
    client.force_login(cast.leader)
    body = client.get(reverse("teams:team", kwargs={"slug": cast.course.slug})).content.decode()
    assert "hx-confirm" not in body
    learner = Membership.objects.get(course=cast.course, user=cast.learner)
    assert f'href="{url(cast, "member_remove", learner.pk)}"' in body


def test_member_removal_asks_first_then_removes(client, cast):
    learner = Membership.objects.get(course=cast.course, user=cast.learner)
    client.force_login(cast.leader)
    page = client.get(url(cast, "member_remove", learner.pk))
    assert page.status_code == 200
    body = page.content.decode()
    assert f"Remove {cast.learner.display_name} from the team" in body and "Remove from the team</button>" in body
    assert Membership.objects.filter(pk=learner.pk).exists()  # asking changes nothing
    response = client.post(url(cast, "member_remove", learner.pk))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=learner.pk).exists()


def test_lead_partner_confirmation_page_says_why_not_and_offers_no_button(client, cast):
    client.force_login(cast.leader)
    lead = Partnership.objects.get(course=cast.course, role=Partnership.Role.LEAD)
    body = client.get(url(cast, "partner_remove", lead.pk)).content.decode()
    assert str(services.LEAD_NOT_REMOVABLE) in body and "Remove partner</button>" not in body


def test_partner_with_members_confirmation_page_names_the_refusal(client, cast):
    client.force_login(cast.leader)
    partner = Partnership.objects.get(course=cast.course, role=Partnership.Role.PARTNER)
    count = Membership.objects.filter(course=cast.course, institution=partner.institution).count()
    assert count  # the partner representative, at least
    refusal = services.PARTNER_HAS_MEMBERS % {"institution": partner.institution, "count": count}
    body = client.get(url(cast, "partner_remove", partner.pk)).content.decode()
    assert escape(refusal) in body and "Remove partner</button>" not in body


def test_confirmation_pages_only_for_the_leader(cast):
    learner = Membership.objects.get(course=cast.course, user=cast.learner)
    partner = Partnership.objects.get(course=cast.course, role=Partnership.Role.PARTNER)
    for page in [url(cast, "member_remove", learner.pk), url(cast, "partner_remove", partner.pk)]:
        assert matrix(cast, "get", page) == expect(302, 404, 403, 403, 403, 403, 200, 200), page
