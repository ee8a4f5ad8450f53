"""Removing a task force member or an agreement is confirmed on a page of its own (no JavaScript needed)."""

import pytest
from django.urls import reverse

from support.models import Agreement, ServiceKind, TaskForceMember
from tests.factories.support import TaskForceMemberFactory
from tests.utils import expect, matrix

pytestmark = pytest.mark.django_db


def url(cast, name, pk):
    return reverse(f"support:{name}", kwargs={"slug": cast.course.slug, "pk": pk})


def test_task_force_removal_asks_first_then_removes(client, cast, partner_institution):
    member = TaskForceMemberFactory(course=cast.course, institution=partner_institution, kind=ServiceKind.IT)
    client.force_login(cast.partner)
    page = client.get(reverse("support:task_force", kwargs={"slug": cast.course.slug})).content.decode()
    assert "hx-confirm" not in page and f'href="{url(cast, "task_force_remove", member.pk)}"' in page
    body = client.get(url(cast, "task_force_remove", member.pk)).content.decode()
    assert "from the joint task force" in body and 'method="post"' in body
    assert TaskForceMember.objects.filter(pk=member.pk).exists()
    assert client.post(url(cast, "task_force_remove", member.pk)).status_code == 302
    assert not TaskForceMember.objects.filter(pk=member.pk).exists()


def test_agreement_removal_asks_the_leader_first(client, cast):
    agreement = Agreement.objects.create(course=cast.course, kind=Agreement.Kind.CONSORTIUM, title="Consortium")
    page = url(cast, "agreement_remove", agreement.pk)
    assert matrix(cast, "get", page) == expect(302, 404, 403, 403, 403, 403, 200, 200)
    client.force_login(cast.leader)
    body = client.get(page).content.decode()
    assert "Remove the agreement “Consortium”" in body and "signatures recorded for it" in body
    assert Agreement.objects.filter(pk=agreement.pk).exists()
