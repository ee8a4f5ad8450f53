"""Signing in with one's university in headless Chromium: SAML through a real pysaml2 identity provider served
over HTTP, and OpenID Connect through a real django-oauth-toolkit provider in its own process."""

import pytest
from django.shortcuts import resolve_url
from playwright.sync_api import expect

from accounts.models import User
from federation.models import LinkedIdentity
from teams.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.teams import CourseFactory, InstitutionFactory, add_member
from tests.federation.conftest import configure_saml, free_port, oidc, openid_provider  # noqa: F401
from tests.federation.idp_server import IdPServer

pytestmark = pytest.mark.django_db(transaction=True)


def invited(email: str):
    user = UserFactory(email=email, password=None)
    user.set_unusable_password()
    user.save()
    course = CourseFactory(title="Green Energy Transition for Engineers")
    add_member(course, Membership.Role.PARTNER, user=user)
    return user


def test_a_person_signs_in_through_their_universitys_saml_idp_and_lands_in_their_courses(
    page, live_server, settings, tmp_path
):
    port = free_port()
    saml = configure_saml(settings, tmp_path, site_url=live_server.url, idp_base=f"http://localhost:{port}")
    person = invited("ada.lovelace@leuvenheim.example")
    InstitutionFactory(schac_home_organisation="leuvenheim.example")
    with IdPServer(saml.idp, port):
        page.goto("/accounts/login/")
        expect(page.get_by_role("heading", name="Where are you from?")).to_be_visible()
        page.get_by_label("Find your institution").fill("leuven")
        page.get_by_role("link", name="University of Leuvenheim").click()
        page.get_by_role("button", name="Sign in at Leuvenheim").click()
        page.get_by_role("button", name="Continue to microcred").click()
        page.wait_for_url(f"{live_server.url}{resolve_url(settings.LOGIN_REDIRECT_URL)}")
        page.goto("/courses/")
        expect(page.get_by_role("heading", name="My courses")).to_be_visible()
        expect(page.get_by_text("Green Energy Transition for Engineers").first).to_be_visible()
    assert User.objects.filter(email__iexact=person.email).count() == 1
    assert LinkedIdentity.objects.get().user_id == person.pk
    # schacHomeOrganization matched the institution's SCHAC code: a verified affiliation, faculty.
    affiliation = person.affiliations.get()
    assert (affiliation.method, affiliation.kind) == ("federation", "faculty")
    # The next visit to the login page offers the same university first.
    page.context.clear_cookies(name="sessionid")
    page.goto("/accounts/login/")
    expect(page.get_by_role("link", name="Continue with University of Leuvenheim")).to_be_visible()


def test_the_institution_search_filters_the_list(page, live_server, settings, tmp_path):
    configure_saml(settings, tmp_path, site_url=live_server.url)
    settings.OIDC_PROVIDERS = {"gdynia": {"issuer": "https://login.gdynia.example", "client_id": "x",
                                          "client_secret": "y", "name": "Uniwersytet Morski w Gdyni",
                                          "country": "PL", "scopes": "openid", "schac_claim": "",
                                          "affiliation_claim": ""}}  # fmt: skip
    page.goto("/accounts/login/")
    institutions = page.locator("#wayf-list li:not(.d-none)")
    expect(institutions).to_have_count(2)
    page.get_by_label("Find your institution").fill("poland")
    expect(institutions).to_have_count(1)
    expect(institutions.first).to_contain_text("Uniwersytet Morski w Gdyni")
    page.get_by_label("Find your institution").fill("nowhere at all")
    expect(institutions).to_have_count(0)
    expect(page.get_by_text("No institution matches.")).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_be_visible()


def test_a_person_signs_in_through_an_openid_connect_provider(page, live_server, settings, oidc):  # noqa: F811
    oidc.control(redirect_uris=f"{live_server.url}/federation/oidc/callback/")
    settings.SITE_URL = live_server.url
    invited("grace.hopper@leuvenheim.example")
    page.goto("/accounts/login/")
    page.get_by_role("link", name="University of Leuvenheim (Entra ID)").click()
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill("op-password")
    page.get_by_role("button", name="Sign in at Leuvenheim").click()
    page.wait_for_url(f"{live_server.url}{resolve_url(settings.LOGIN_REDIRECT_URL)}")
    page.goto("/courses/")
    expect(page.get_by_text("Green Energy Transition for Engineers").first).to_be_visible()
    assert LinkedIdentity.objects.get().protocol == "oidc"


def test_a_bad_token_shows_the_refusal_page_in_the_browser(page, live_server, settings, oidc):  # noqa: F811
    oidc.control(mode="signature", redirect_uris=f"{live_server.url}/federation/oidc/callback/")
    page.goto("/accounts/login/")
    page.get_by_role("link", name="University of Leuvenheim (Entra ID)").click()
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill("op-password")
    page.get_by_role("button", name="Sign in at Leuvenheim").click()
    expect(page.get_by_role("heading", name="Sign-in refused")).to_be_visible()
    expect(page.get_by_text("no account was created")).to_be_visible()
    assert not User.objects.filter(email="grace.hopper@leuvenheim.example").exists()
