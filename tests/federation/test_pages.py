"""The login page's institution list, logout (single logout for SAML), and the admin's linked identities."""

from urllib.parse import parse_qs, urlsplit

import pytest
import saml2
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from federation.models import IdentityProvider, LinkedIdentity
from tests.factories.accounts import AdminFactory, UserFactory

pytestmark = pytest.mark.django_db


def home() -> str:
    """Where a sign-in lands without a ``next``: the person's start page (LOGIN_REDIRECT_URL)."""
    return resolve_url(django_settings.LOGIN_REDIRECT_URL)


def test_the_login_page_works_with_sign_in_off(client, settings):
    settings.SAML_ENABLED = False
    settings.OIDC_PROVIDERS = {}
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "Where are you from?" not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_the_login_page_lists_the_institutions_beside_the_password_form(client, saml):
    body = client.get("/accounts/login/?next=/courses/").content.decode()
    assert "Where are you from?" in body and 'name="password"' in body
    assert "University of Leuvenheim" in body
    assert "/saml2/login/?idp=https%3A%2F%2Fidp.leuvenheim.example&amp;next=%2Fcourses%2F" in body


def test_the_login_page_puts_the_last_choice_first(client, saml):
    saml.start(client)
    body = client.get("/accounts/login/").content.decode()
    assert "Continue with University of Leuvenheim" in body


def test_the_login_page_reads_the_institutions_in_one_query_whatever_their_number(client, saml):
    client.get("/accounts/login/")
    with CaptureQueriesContext(connection) as few:
        client.get("/accounts/login/")
    IdentityProvider.objects.bulk_create(
        IdentityProvider(entity_id=f"https://idp{n}.example", name=f"University {n}", country="DE") for n in range(30)
    )
    with CaptureQueriesContext(connection) as many:
        body = client.get("/accounts/login/").content.decode()
    assert "University 29" in body
    assert len(many) == len(few)


def test_an_idp_response_with_a_wrong_next_url_lands_on_my_courses(client, saml):
    request, _ = saml.start(client, next_url="https://evil.example/")
    response = client.post("/saml2/acs/", {"SAMLResponse": saml.idp.respond(request),
                                           "RelayState": "https://evil.example/"})  # fmt: skip
    assert response["Location"] == home()


def test_saml_logout_ends_the_session_here_and_at_the_identity_provider(client, saml):
    saml.sign_in(client)
    assert SESSION_KEY in client.session
    response = client.post(reverse("federation:logout"))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"{saml.idp.entity_id}/slo/redirect?SAMLRequest=")
    server = saml.idp.server
    query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    logout_request = server.parse_logout_request(query["SAMLRequest"], saml2.BINDING_HTTP_REDIRECT,
                                                 relay_state=query.get("RelayState"), sigalg=query["SigAlg"],
                                                 signature=query["Signature"]).message  # fmt: skip
    assert logout_request.name_id.text == "opaque-ada"
    answer = server.create_logout_response(logout_request, [saml2.BINDING_HTTP_REDIRECT])
    back = server.apply_binding(saml2.BINDING_HTTP_REDIRECT, answer, "http://testserver/saml2/ls/",
                                query.get("RelayState", ""), response=True)  # fmt: skip
    back_url = dict(back["headers"])["Location"]
    response = client.get(urlsplit(back_url).path + "?" + urlsplit(back_url).query)
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_password_sessions_log_out_here_only(client):
    client.force_login(UserFactory())
    response = client.post(reverse("federation:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in client.session


def test_logout_needs_a_post(client):
    client.force_login(UserFactory())
    assert client.get(reverse("federation:logout")).status_code == 405


def test_the_admin_shows_a_persons_linked_identities_and_unlinks_one(client, saml):
    saml.sign_in(client)
    link = LinkedIdentity.objects.get()
    admin = AdminFactory()
    client.force_login(admin)
    page = client.get(reverse("admin:accounts_user_change", args=[link.user_id])).content.decode()
    assert "ada@leuvenheim.example" in page and saml.idp.entity_id in page
    response = client.post(reverse("admin:federation_linkedidentity_changelist"),
                           {"action": "unlink", "_selected_action": [link.pk]})  # fmt: skip
    assert response.status_code == 302
    assert not LinkedIdentity.objects.exists()
    assert LinkedIdentity.history.filter(history_type="-").get().history_user == admin


def test_after_unlinking_the_next_sign_in_is_a_first_sign_in_again(client, saml):
    saml.sign_in(client)
    LinkedIdentity.objects.all().delete()
    client.logout()
    response = saml.sign_in(client)
    # The account now has a link-less, password-less state: an invitation never taken up, so it is claimed again.
    assert response.status_code == 302
    assert LinkedIdentity.objects.count() == 1


def test_people_who_are_not_staff_do_not_see_linked_identities_in_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:federation_linkedidentity_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_identity_linked_to_someone_else_does_not_sign_in_another_signed_in_person(client, saml, caplog):
    saml.sign_in(client)
    client.logout()
    client.force_login(UserFactory(email="someone@else.example"))
    response = saml.sign_in(client)
    assert response.status_code == 403
    assert "already linked to another account" in response.content.decode()


def test_the_profile_page_lists_linked_identities_and_offers_to_link_one(client, saml):
    user = UserFactory()
    client.force_login(user)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "Link an institutional account" in body and "University of Leuvenheim" in body
    saml.sign_in(client)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "ada@leuvenheim.example" in body


def test_the_profile_page_says_nothing_of_institutions_with_sign_in_off(client, settings):
    settings.SAML_ENABLED = False
    settings.OIDC_PROVIDERS = {}
    client.force_login(UserFactory())
    assert "Sign in with your institution" not in client.get(reverse("accounts:profile")).content.decode()
