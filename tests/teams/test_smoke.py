import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_leader_sees_course_page(client, cast):
    client.force_login(cast.leader)
    response = client.get(reverse("teams:course_detail", kwargs={"slug": cast.course.slug}))
    assert response.status_code == 200
    assert cast.course.title in response.content.decode()


def test_team_page_renders_for_leader(client, cast):
    client.force_login(cast.leader)
    assert client.get(reverse("teams:team", kwargs={"slug": cast.course.slug})).status_code == 200
    assert client.get(reverse("teams:history", kwargs={"slug": cast.course.slug})).status_code == 200
    assert client.get(reverse("teams:dashboard")).status_code == 200
