"""OpenID Connect relying party on mozilla-django-oidc: one provider per request, from OIDC_PROVIDERS.

mozilla-django-oidc keeps state, nonce and the PKCE verifier in the session and exchanges the code; this module
adds what it leaves out: the provider's discovery document, and a full check of the ID token (signature with
the provider's published key, issuer, audience, authorised party, expiry, nonce).
"""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.core.cache import cache
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.backends import CachedModelBackend
from federation.models import Protocol
from federation.refusals import NOT_FOR_US, NOT_SIGNED, NOT_VERIFIED, REPLAYED
from federation.services import Assertion, SignInRefused, identity_sign_in

logger = logging.getLogger("federation")

SESSION_PROVIDERS = "federation_oidc_providers"  # state -> provider key, beside mozilla's oidc_states
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]


def oidc_provider(key: str) -> dict | None:
    return settings.OIDC_PROVIDERS.get(key)


def oidc_discovery(key: str) -> dict:
    """The provider's discovery document (cached), refused unless it names the configured issuer."""
    provider = settings.OIDC_PROVIDERS[key]
    issuer = provider["issuer"].rstrip("/")
    cache_key = f"federation:oidc-discovery:{key}:{issuer}"
    document = cache.get(cache_key)
    if document is None:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if document.get("issuer", "").rstrip("/") != issuer:
            raise SignInRefused(f"discovery document of {key} names issuer {document.get('issuer')!r}", NOT_VERIFIED)
        cache.set(cache_key, document, settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return document


class OidcBackend(OIDCAuthenticationBackend, CachedModelBackend):
    """Answers only the OIDC callback; the provider is the one the state was issued for."""

    def __init__(self, *args, **kwargs):
        # mozilla-django-oidc reads one provider from settings here; ours are chosen per request.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        if request is None or kwargs or getattr(request, "oidc_provider_key", None) is None:
            return None
        self.provider_key = request.oidc_provider_key
        self.provider = settings.OIDC_PROVIDERS[self.provider_key]
        self.discovery = oidc_discovery(self.provider_key)
        self.OIDC_OP_TOKEN_ENDPOINT = self.discovery["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = self.discovery.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = self.discovery["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = self.provider["client_id"]
        self.OIDC_RP_CLIENT_SECRET = self.provider["client_secret"]
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def get_settings(self, attr, *args):
        if attr == "OIDC_AUTHENTICATION_CALLBACK_URL":
            return "federation:oidc_callback"
        if attr == "OIDC_TIMEOUT":
            return settings.OIDC_TIMEOUT
        return super().get_settings(attr, *args)

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.RequestException as error:
            raise SignInRefused(f"token endpoint of {self.provider_key}: {error}", NOT_VERIFIED) from error

    def verify_token(self, token, **kwargs):
        """Check the ID token completely; any doubt is a SignInRefused with the reason."""
        nonce = kwargs.get("nonce")
        if not token:
            raise SignInRefused("no ID token in the token response", NOT_VERIFIED)
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise SignInRefused(f"malformed ID token: {error}", NOT_VERIFIED) from error
        allowed = [a for a in self.discovery.get("id_token_signing_alg_values_supported", ["RS256"]) if a in ALGORITHMS]
        if header.get("alg") not in allowed:
            raise SignInRefused(f"ID token algorithm {header.get('alg')!r} not allowed", NOT_SIGNED)
        key = self._signing_key(header)
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[header["alg"]],
                audience=self.provider["client_id"],
                issuer=self.provider["issuer"].rstrip("/"),
                leeway=settings.SAML_ACCEPTED_TIME_DIFF,
                options={"require": ["iss", "aud", "sub", "exp", "iat"]},
            )
        except jwt.InvalidSignatureError as error:
            raise SignInRefused("ID token signature does not verify", NOT_SIGNED) from error
        except jwt.InvalidIssuerError as error:
            raise SignInRefused(f"ID token issuer is not {self.provider['issuer']}", NOT_FOR_US) from error
        except jwt.InvalidAudienceError as error:
            raise SignInRefused("ID token audience is not this client", NOT_FOR_US) from error
        except jwt.PyJWTError as error:
            raise SignInRefused(f"ID token refused: {error}", NOT_VERIFIED) from error
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        if len(audiences) > 1 and payload.get("azp") != self.provider["client_id"]:
            raise SignInRefused("ID token has several audiences and another authorised party", NOT_FOR_US)
        if not nonce or payload.get("nonce") != nonce:
            raise SignInRefused("ID token nonce does not match the one sent", REPLAYED)
        return payload

    def _signing_key(self, header: dict):
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        for jwk in response.json().get("keys", []):
            if header.get("kid") in (None, jwk.get("kid")) and jwk.get("use", "sig") == "sig":
                return jwt.PyJWK(jwk).key
        raise SignInRefused(f"no published key with kid {header.get('kid')!r}", NOT_SIGNED)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload["sub"]:
                raise SignInRefused("userinfo sub differs from the ID token's", NOT_VERIFIED)
            claims.update({k: v for k, v in userinfo.items() if k not in ("iss", "aud", "sub")})
        email = str(claims.get("email") or "").strip().lower() if claims.get("email_verified") is True else ""
        affiliations = claims.get(self.provider["affiliation_claim"]) or []
        assertion = Assertion(
            protocol=Protocol.OIDC,
            issuer=self.provider["issuer"].rstrip("/"),
            subject=str(payload["sub"]),
            email=email,
            first_name=str(claims.get("given_name") or ""),
            last_name=str(claims.get("family_name") or ""),
            home_organisation=str(claims.get(self.provider["schac_claim"]) or "").lower(),
            scoped_affiliations=[affiliations] if isinstance(affiliations, str) else list(affiliations),
        )
        user = getattr(self.request, "user", None)
        current = user if user is not None and user.is_authenticated else None
        return identity_sign_in(assertion=assertion, current_user=current)

    def get_user(self, user_id):
        return CachedModelBackend.get_user(self, user_id)
