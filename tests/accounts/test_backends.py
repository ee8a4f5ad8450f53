"""The signed-in user is cached between requests (accounts.backends.CachedModelBackend), and every change to the
account counts on the next request: a new name, a deactivation, a new password."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    client.get(PROFILE)  # the user is cached from here on
    return client


def test_a_signed_in_user_is_read_once_then_from_the_cache():
    client = signed_in(UserFactory())
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(PROFILE).status_code == 200
    by_pk = f'FROM "{get_user_model()._meta.db_table}" WHERE'
    assert not any(by_pk in q["sql"] for q in ctx.captured_queries), ctx.captured_queries


def test_a_new_name_shows_on_the_next_page():
    user = UserFactory(first_name="Ana", last_name="Silva")
    client = signed_in(user)
    client.post(PROFILE, {"first_name": "Ana Maria", "last_name": "Silva"})
    assert "Ana Maria Silva" in client.get(reverse("teams:dashboard")).content.decode()


def test_a_deactivated_account_is_signed_out_on_the_next_request():
    user = UserFactory()
    client = signed_in(user)
    user.is_active = False
    user.save()  # as an admin would, in Django admin
    response = client.get(reverse("teams:dashboard"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_new_password_ends_the_other_sessions():
    user = UserFactory()
    laptop, phone = signed_in(user), signed_in(user)
    response = laptop.post(
        reverse("accounts:password_change"),
        {"old_password": "correct-horse-battery", "new_password1": "a-new-long-secret-2026",
         "new_password2": "a-new-long-secret-2026"},
    )  # fmt: skip
    assert response.status_code == 302
    assert laptop.get(reverse("teams:dashboard")).status_code == 200  # the session that changed it stays
    response = phone.get(reverse("teams:dashboard"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_deleted_account_is_signed_out():
    user = UserFactory()
    client = signed_in(user)
    user.delete()
    assert client.get(reverse("teams:dashboard")).status_code == 302
