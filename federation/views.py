"""Sign-in views: SAML (djangosaml2's views with our refusals) and OIDC (mozilla-django-oidc's, per provider)."""

from __future__ import annotations

import logging
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.contrib import auth
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views import View
from djangosaml2 import views as saml_views
from mozilla_django_oidc import views as oidc_views
from requests import RequestException

from federation.backends import saml_value
from federation.models import ConsumedAssertion, IdentityProvider
from federation.oidc import SESSION_PROVIDERS, oidc_discovery, oidc_provider
from federation.refusals import (
    DENIED,
    MISSING_ATTRIBUTES,
    NOT_FOR_US,
    NOT_VERIFIED,
    REPLAYED,
    UNKNOWN_PROVIDER,
    refused_page,
    saml_refusal,
)
from federation.saml import sp_urls
from federation.selectors import remember_choice
from federation.services import SignInRefused

logger = logging.getLogger("federation")


class SamlLoginView(saml_views.LoginView):
    """Start a signed AuthnRequest to a known identity provider; a signed-in person may link another identity."""

    def should_prevent_auth(self, request) -> bool:
        return False

    def get(self, request, *args, **kwargs):
        entity_id = request.GET.get("idp", "")
        if not IdentityProvider.objects.filter(entity_id=entity_id).exists():
            return self.unknown_idp(request, entity_id)
        return remember_choice(super().get(request, *args, **kwargs), f"saml:{entity_id}")

    def unknown_idp(self, request, idp):
        refusal = SignInRefused(f"unknown identity provider {idp!r}", UNKNOWN_PROVIDER)
        return refused_page(request, refusal, protocol="SAML", status=404)


class SamlAcsView(saml_views.AssertionConsumerServiceView):
    """djangosaml2's assertion consumer, plus required attributes and a database-wide replay check."""

    refusal: SignInRefused | None = None

    def custom_validation(self, response) -> None:
        ava = response.ava or {}
        missing = [name for name in ("eppn", "mail") if not saml_value(ava, name)]
        if missing:
            self.refusal = SignInRefused(f"missing required attributes: {', '.join(missing)}", MISSING_ATTRIBUTES)
            raise self.refusal
        assertion = response.assertion
        acs = sp_urls()["acs"]
        # pysaml2 accepts a Recipient equal to the entity ID too; the SAML profile says the ACS URL, exactly.
        destination = response.response.destination
        recipients = {
            (confirmation.subject_confirmation_data.recipient if confirmation.subject_confirmation_data else None)
            for confirmation in assertion.subject.subject_confirmation
        }
        if (destination and destination != acs) or recipients != {acs}:
            self.refusal = SignInRefused(f"wrong destination/recipient {destination} {recipients}", NOT_FOR_US)
            raise self.refusal
        not_on_or_after = None
        for confirmation in assertion.subject.subject_confirmation:
            if confirmation.subject_confirmation_data is not None:
                not_on_or_after = parse_datetime(confirmation.subject_confirmation_data.not_on_or_after or "")
        try:
            with transaction.atomic():
                ConsumedAssertion.objects.create(
                    assertion_id=assertion.id,
                    issuer=response.issuer(),
                    not_on_or_after=not_on_or_after or timezone.now() + timedelta(hours=1),
                )
        except IntegrityError:
            self.refusal = SignInRefused(f"replayed assertion id {assertion.id}", REPLAYED)
            raise self.refusal from None

    def authenticate_user(self, request, *args, **kwargs):
        try:
            return super().authenticate_user(request, *args, **kwargs)
        except SignInRefused as refusal:
            self.refusal = refusal
            raise PermissionDenied(refusal.reason) from refusal

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        refusal = self.refusal or saml_refusal(exception)
        return refused_page(request, refusal, protocol="SAML", status=status)


class OidcLoginView(oidc_views.OIDCAuthenticationRequestView):
    """Redirect to the chosen provider's authorisation endpoint with state, nonce and a PKCE challenge."""

    def __init__(self, *args, **kwargs):
        View.__init__(self, *args, **kwargs)

    def get_settings(self, attr, *args):
        values = {
            "OIDC_RP_SCOPES": self.provider["scopes"],
            "OIDC_USE_NONCE": True,
            "OIDC_USE_PKCE": True,
            "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
            "OIDC_AUTHENTICATION_CALLBACK_URL": "federation:oidc_callback",
        }
        return values[attr] if attr in values else super().get_settings(attr, *args)

    def get(self, request, provider: str):
        self.provider = oidc_provider(provider)
        if self.provider is None:
            return refused_page(request, SignInRefused(f"unknown OIDC provider {provider!r}", UNKNOWN_PROVIDER),
                                protocol="OIDC", status=404)  # fmt: skip
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_discovery(provider)["authorization_endpoint"]
        except SignInRefused as refusal:
            return refused_page(request, refusal, protocol="OIDC", status=502)
        except (RequestException, ValueError, KeyError) as error:
            refused = SignInRefused(f"discovery of {provider} failed: {error}", NOT_VERIFIED)
            return refused_page(request, refused, protocol="OIDC", status=502)
        self.OIDC_RP_CLIENT_ID = self.provider["client_id"]
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session[SESSION_PROVIDERS] = {**request.session.get(SESSION_PROVIDERS, {}), state: provider}
        return remember_choice(response, f"oidc:{provider}")


class OidcCallbackView(oidc_views.OIDCAuthenticationCallbackView):
    """The provider's redirect back: mozilla-django-oidc checks the state, our backend the ID token."""

    def get(self, request):
        if request.GET.get("error"):
            refusal = SignInRefused(f"provider answered error {request.GET['error']!r}", DENIED)
            super().get(request)
            return refused_page(request, refusal, protocol="OIDC")
        state = request.GET.get("state", "")
        request.oidc_provider_key = request.session.get(SESSION_PROVIDERS, {}).pop(state, None)
        if request.oidc_provider_key is None or oidc_provider(request.oidc_provider_key) is None:
            refused = SignInRefused("callback with an unknown or already used state", REPLAYED)
            return refused_page(request, refused, protocol="OIDC")
        request.session.modified = True
        try:
            return super().get(request)
        except SignInRefused as refusal:
            return refused_page(request, refusal, protocol="OIDC")
        except (SuspiciousOperation, RequestException, ValueError, KeyError) as error:
            refused = SignInRefused(f"{type(error).__name__}: {error}", NOT_VERIFIED)
            return refused_page(request, refused, protocol="OIDC")

    def login_failure(self):
        return refused_page(self.request, SignInRefused("no account signed in", NOT_VERIFIED), protocol="OIDC")


class LogoutView(View):
    """Log out; a SAML session also ends at the identity provider (single logout), others just here."""

    def post(self, request: HttpRequest) -> HttpResponse:
        saml_session = getattr(request, "saml_session", None)  # djangosaml2's SamlSessionMiddleware sets it
        if saml_session is not None and saml_session.get("_saml2_subject_id"):
            return saml_views.LogoutInitView.as_view()(_as_get(request))
        auth.logout(request)
        return redirect("accounts:login")


def _as_get(request: HttpRequest) -> HttpRequest:
    request.method = "GET"
    return request
