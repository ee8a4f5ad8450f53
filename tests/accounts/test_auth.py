"""Logging in with an e-mail address, lock-out per (username, IP), password reset and invitations."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from accounts.services import user_set_password_url
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def login(client, email, password, ip="10.0.0.1"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_with_email_in_any_case_opens_what_needs_me(client):
    user = UserFactory(email="lena@example.org")
    response = login(client, "Lena@Example.org", PASSWORD)
    assert response.status_code == 302 and response.url == reverse("attention:home")
    assert client.get(reverse("teams:dashboard")).context["user"] == user


def test_wrong_password_shows_a_message_not_an_error(client):
    UserFactory(email="lena@example.org")
    response = login(client, "lena@example.org", "wrong")
    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password" in response.content.decode()


def test_repeated_failures_lock_that_username_from_that_ip_only(client):
    UserFactory(email="lena@example.org")
    UserFactory(email="colleague@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "lena@example.org", "wrong", ip="10.0.0.1")
    # Even the right password is refused now, for this pair.
    assert login(client, "lena@example.org", PASSWORD, ip="10.0.0.1").status_code == 429
    # A colleague behind the same campus NAT is not locked out...
    assert login(client, "colleague@example.org", PASSWORD, ip="10.0.0.1").status_code == 302
    client.logout()
    # ...and the same person from another address can still log in.
    assert login(client, "lena@example.org", PASSWORD, ip="10.0.0.2").status_code == 302


@pytest.mark.parametrize("variant", ["LENA@example.org", "  lena@example.org ", "Lena@EXAMPLE.ORG"])
def test_lockout_counts_the_normalised_address_not_how_it_was_written(client, variant):
    UserFactory(email="lena@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "lena@example.org", "wrong")
    assert login(client, variant, PASSWORD).status_code == 429


def test_failures_written_differently_add_up_to_one_lockout(client):
    UserFactory(email="lena@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, ("Lena@Example.org", " lena@example.org", "LENA@EXAMPLE.ORG ")[n % 3], "wrong")
    assert login(client, "lena@example.org", PASSWORD).status_code == 429


def proxied(client, email, password, *, forwarded: str, proxy="172.18.0.2"):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_one_trusted_proxy_lockout_is_per_client_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="lena@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):  # an attacker, forging an address in front of the real one
        proxied(client, "lena@example.org", "wrong", forwarded="10.9.9.9, 203.0.113.66")
    assert proxied(client, "lena@example.org", PASSWORD, forwarded="203.0.113.66").status_code == 429
    # Lena herself, from her own address through the same proxy, is not locked out by the attacker.
    assert proxied(client, "lena@example.org", PASSWORD, forwarded="198.51.100.7").status_code == 302


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(email="lena@example.org")
    for n in range(settings.AXES_FAILURE_LIMIT):  # a forged header per attempt would otherwise dodge the lockout
        proxied(client, "lena@example.org", "wrong", forwarded=f"10.0.0.{n}", proxy="203.0.113.66")
    assert proxied(client, "lena@example.org", PASSWORD, forwarded="10.0.0.99", proxy="203.0.113.66").status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "172.18.0.2"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.5", "1.2.3.4"),
        (2, "1.2.3.4", "172.18.0.2"),  # shorter than our chain of proxies: not trusted
        (1, "not-an-ip", "172.18.0.2"),
        (1, "", "172.18.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_from_the_trusted_proxies(rf, settings, count, forwarded, expected):
    from accounts.lockout import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="lena@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "lena@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"},
    )
    user.refresh_from_db()
    assert user.check_password("a-new-long-passphrase")


def test_unknown_address_for_reset_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_invitation_link_lets_a_new_member_choose_a_password_and_log_in(client):
    user = UserFactory(email="new@example.org", password=None)
    user.set_unusable_password()
    user.save()
    path = user_set_password_url(user=user, base_url="")
    page = client.get(path, follow=True)
    assert "Choose your password" in page.content.decode()
    client.post(
        page.redirect_chain[-1][0], {"new_password1": "first-own-passphrase", "new_password2": "first-own-passphrase"}
    )
    assert login(client, "new@example.org", "first-own-passphrase").status_code == 302


def test_a_used_invitation_link_cannot_be_used_twice(client):
    user = UserFactory(email="new@example.org")
    path = user_set_password_url(user=user, base_url="")
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": "first-own-passphrase", "new_password2": "first-own-passphrase"}
    )
    again = client.get(path, follow=True)
    assert "expired or was already used" in again.content.decode()


def test_password_change_requires_the_old_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "another-long-pass", "new_password2": "another-long-pass"},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()


def test_session_lasts_a_working_day_not_two_weeks():
    assert settings.SESSION_COOKIE_AGE == 9 * 60 * 60


def test_profile_cannot_set_ones_own_home_institution(client):
    from tests.factories.teams import InstitutionFactory

    user = UserFactory()
    institution = InstitutionFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"first_name": "Lena", "last_name": "V", "home_institution": institution.pk}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.first_name == "Lena"
    assert user.home_institution is None


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("teams:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
