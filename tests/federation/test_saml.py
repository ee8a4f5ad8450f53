"""SAML sign-in end to end against a real pysaml2 identity provider, through the Django test client."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings as django_settings
from django.shortcuts import resolve_url

from accounts.models import User
from federation.models import LinkedIdentity
from tests.factories.accounts import UserFactory
from tests.federation.idp import TestIdP, key_pair, person

pytestmark = pytest.mark.django_db


def home() -> str:
    """Where a sign-in lands without a ``next``: the person's start page (LOGIN_REDIRECT_URL)."""
    return resolve_url(django_settings.LOGIN_REDIRECT_URL)


ADA = "ada.lovelace@leuvenheim.example"


def saml_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def assert_refused(response, caplog, text: str, reason: str) -> None:
    assert response.status_code in (400, 403)
    assert "Sign-in refused" in response.content.decode()
    assert text in response.content.decode()
    assert not User.objects.filter(email=ADA).exists()
    assert "_auth_user_id" not in response.wsgi_request.session
    assert any(reason in record.getMessage() for record in caplog.records if record.name == "federation"), [
        r.getMessage() for r in caplog.records
    ]


def test_first_sign_in_creates_the_account_with_the_asserted_name_and_links_the_eppn(client, saml):
    response = saml.sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == home()
    user = User.objects.get(email=ADA)
    assert (user.first_name, user.last_name) == ("Ada", "Lovelace")
    assert not user.has_usable_password()
    link = LinkedIdentity.objects.get(user=user)
    assert (link.issuer, link.subject, link.protocol) == (saml.idp.entity_id, "ada@leuvenheim.example", "saml")
    assert client.get("/courses/").status_code == 200


def test_the_eppn_links_later_sign_ins_to_the_same_account_even_with_a_new_mail(client, saml):
    saml.sign_in(client)
    client.logout()
    saml.sign_in(client, attributes=person(mail=["ada@new-address.example"], sn=["King"]))
    assert User.objects.count() == 1
    assert User.objects.get().last_name == "King"


def test_an_invited_account_with_the_asserted_mail_is_linked_not_duplicated(client, saml):
    invited = UserFactory(email=ADA, password=None)
    invited.set_unusable_password()
    invited.save()
    saml.sign_in(client)
    assert User.objects.filter(email__iexact=ADA).count() == 1
    assert LinkedIdentity.objects.get().user == invited


def test_an_account_with_a_password_is_not_opened_by_an_identity_providers_mail(client, saml, caplog):
    UserFactory(email=ADA)
    response = saml.sign_in(client)
    assert response.status_code == 403
    assert "Log in with your password first" in response.content.decode()
    assert not LinkedIdentity.objects.exists()
    assert any("e-mail matches an account in use" in r.getMessage() for r in caplog.records)


def test_a_signed_in_person_links_their_institutional_identity(client, saml):
    user = UserFactory(email="ada@private.example")
    client.force_login(user)
    saml.sign_in(client)
    assert LinkedIdentity.objects.get().user == user


def test_a_response_signed_as_a_whole_is_accepted(client, saml):
    assert saml.sign_in(client, sign_response=True)["Location"] == home()
    assert User.objects.filter(email=ADA).exists()


def test_a_response_signed_with_another_key_is_refused(client, saml, caplog, tmp_path):
    response = saml.sign_in(client, sign_response=True, signing_key=key_pair(tmp_path, "rogue"))
    assert_refused(response, caplog, "not signed", "sign-in refused")


def test_an_unsigned_assertion_is_refused(client, saml, caplog):
    response = saml.sign_in(client, sign=False)
    assert_refused(response, caplog, "not signed", "Neither the response nor the assertions are signed")


def test_an_assertion_signed_with_another_key_is_refused(client, saml, caplog, tmp_path):
    response = saml.sign_in(client, signing_key=key_pair(tmp_path, "rogue"))
    assert_refused(response, caplog, "not signed", "SignatureError")


def test_an_assertion_for_another_audience_is_refused(client, saml, caplog):
    def other_audience(response, assertion):
        assertion.conditions.audience_restriction[0].audience[0].text = "https://other-sp.example/metadata"

    response = saml.sign_in(client, edit=other_audience)
    assert_refused(response, caplog, "meant for another service", "AudienceRestrictions")


def test_an_assertion_for_another_recipient_is_refused(client, saml, caplog):
    def other_recipient(response, assertion):
        for confirmation in assertion.subject.subject_confirmation:
            confirmation.subject_confirmation_data.recipient = "https://other-sp.example/acs"

    response = saml.sign_in(client, edit=other_recipient)
    assert_refused(response, caplog, "meant for another service", "recipient")


def test_an_expired_assertion_is_refused(client, saml, caplog):
    past = datetime.now(UTC) - timedelta(hours=1)

    def expired(response, assertion):
        assertion.conditions.not_before = saml_time(past - timedelta(minutes=10))
        assertion.conditions.not_on_or_after = saml_time(past)
        for confirmation in assertion.subject.subject_confirmation:
            confirmation.subject_confirmation_data.not_on_or_after = saml_time(past)

    response = saml.sign_in(client, edit=expired)
    assert_refused(response, caplog, "has expired or is not valid yet", "ResponseLifetimeExceed")


def test_an_assertion_not_yet_valid_is_refused(client, saml, caplog):
    future = datetime.now(UTC) + timedelta(hours=1)

    def not_yet(response, assertion):
        assertion.conditions.not_before = saml_time(future)
        assertion.conditions.not_on_or_after = saml_time(future + timedelta(minutes=10))

    response = saml.sign_in(client, edit=not_yet)
    assert_refused(response, caplog, "has expired or is not valid yet", "ToEarly")


def test_a_replayed_response_is_refused(client, saml, caplog):
    request, relay_state = saml.start(client)
    saml_response = saml.idp.respond(request)
    assert client.post("/saml2/acs/", {"SAMLResponse": saml_response, "RelayState": relay_state}).status_code == 302
    client.logout()
    User.objects.all().delete()
    saml.start(client)  # a new sign-in is under way; the old answer is posted again
    response = client.post("/saml2/acs/", {"SAMLResponse": saml_response, "RelayState": relay_state})
    assert_refused(response, caplog, "already used", "UnsolicitedResponse")


def test_an_unknown_identity_provider_is_refused_at_the_start(client, saml, caplog):
    response = client.get("/saml2/login/", {"idp": "https://unknown-idp.example"})
    assert response.status_code == 404
    assert "not one this service knows" in response.content.decode()
    assert any("unknown identity provider" in r.getMessage() for r in caplog.records)


def test_an_assertion_from_an_identity_provider_outside_the_federation_is_refused(client, saml, caplog, tmp_path):
    outsider = TestIdP(entity_id="https://idp.outside.example", key=key_pair(tmp_path, "outsider"),
                       scope="outside.example", name="Outside", sp_metadata=saml.idp.sp_metadata)  # fmt: skip
    response = saml.sign_in(client, respond_with=outsider)
    assert_refused(response, caplog, "not one this service knows", "MissingKey")


@pytest.mark.parametrize("missing", ["eduPersonPrincipalName", "mail"])
def test_missing_required_attributes_are_refused(client, saml, caplog, missing):
    response = saml.sign_in(client, attributes=person(**{missing: None}))
    assert_refused(response, caplog, "did not release the information", "missing required attributes")


def test_the_service_provider_metadata_is_published_at_a_stable_url(client, saml):
    response = client.get("/saml2/metadata/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'entityID="http://testserver/saml2/metadata/"' in body
    assert 'AuthnRequestsSigned="true"' in body
    assert "http://testserver/saml2/acs/" in body


def test_saml_urls_do_not_exist_while_sign_in_is_off(client, settings):
    settings.SAML_ENABLED = False
    assert client.get("/saml2/metadata/").status_code == 404


def test_refusals_are_logged_at_warning(client, saml, caplog):
    caplog.set_level(logging.INFO)
    saml.sign_in(client, sign=False)
    assert [r for r in caplog.records if r.name == "federation" and r.levelno == logging.WARNING]


def test_an_assertion_id_seen_before_is_refused_even_for_a_new_request(client, saml, caplog):
    def same_id(response, assertion):
        assertion.id = "_assertion-used-once"

    assert saml.sign_in(client, edit=same_id).status_code == 302
    client.logout()
    User.objects.all().delete()
    # A fresh request, answered with an assertion whose ID was already consumed: refused from the database.
    assert_refused(saml.sign_in(client, edit=same_id), caplog, "already used", "replayed assertion id")
