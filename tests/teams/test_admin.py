"""Django admin: every model's list, search and change pages work for an admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from teams.models import Course

pytestmark = pytest.mark.django_db


def test_every_registered_model_list_and_search_renders(client, cast):
    client.force_login(cast.admin)
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        assert client.get(url, {"q": "a"}).status_code == 200, url


def test_course_change_page_has_partnership_and_membership_inlines(client, cast):
    client.force_login(cast.admin)
    body = client.get(reverse("admin:teams_course_change", args=[cast.course.pk])).content.decode()
    assert "partnerships-TOTAL_FORMS" in body
    assert "memberships-TOTAL_FORMS" in body


def test_one_off_grants_admin_is_available_and_guardians_row_editor_is_gone(client, cast):
    """Admins give one-off permissions as records (Course grants); the derived rows are never edited by hand."""
    from django.urls import NoReverseMatch

    client.force_login(cast.admin)
    assert client.get(reverse("admin:teams_coursegrant_add")).status_code == 200
    with pytest.raises(NoReverseMatch):
        reverse("admin:teams_course_permissions", args=[cast.course.pk])


def test_team_members_cannot_use_admin(client, cast):
    client.force_login(cast.leader)
    response = client.get(reverse("admin:teams_course_changelist"))
    assert response.status_code == 302
    assert Course.objects.count() == 2
