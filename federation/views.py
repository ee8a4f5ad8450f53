"""Sign-in views: OpenID Connect (mozilla-django-oidc's, per provider) and logging out (SAML's are in saml_views)."""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlsplit

from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View
from mozilla_django_oidc import views as oidc_views
from requests import RequestException

from federation.oidc import SESSION_PROVIDERS, oidc_discovery, oidc_provider
from federation.refusals import (
    DENIED,
    NOT_VERIFIED,
    REPLAYED,
    UNKNOWN_PROVIDER,
    refused_page,
)
from federation.selectors import remember_choice
from federation.services import SignInRefused

logger = logging.getLogger("federation")


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
            from djangosaml2 import views as saml_views  # only for a SAML session (federation.saml_views)

            return saml_views.LogoutInitView.as_view()(_as_get(request))
        auth.logout(request)
        return redirect("accounts:login")


def _as_get(request: HttpRequest) -> HttpRequest:
    request.method = "GET"
    return request
