"""The phases admin: an administrator finds phases, milestones, tasks and work logs and sees their history."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.phases import log_work

pytestmark = pytest.mark.django_db


def test_admin_lists_opens_and_shows_history_of_every_phases_row(client, cast, work):
    log = log_work(work.shared, cast.partner, on=timezone.localdate())
    client.force_login(cast.admin)
    for name, obj in [("phase", work.design), ("milestone", work.milestone), ("task", work.shared), ("worklog", log)]:
        listing = client.get(reverse(f"admin:phases_{name}_changelist"), {"q": cast.course.title[:5]})
        assert listing.status_code == 200
        assert client.get(reverse(f"admin:phases_{name}_change", args=[obj.pk])).status_code == 200
        assert client.get(reverse(f"admin:phases_{name}_history", args=[obj.pk])).status_code == 200
    body = client.get(reverse("admin:phases_task_changelist"), {"q": "syllabus"}).content.decode()
    assert "Draft the syllabus" in body


def test_team_members_cannot_use_the_phases_admin(client, cast, work):
    client.force_login(cast.leader)
    assert client.get(reverse("admin:phases_task_changelist")).status_code == 302
