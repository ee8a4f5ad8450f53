"""Authentication backends for SAML and OIDC: each turns a verified assertion into the person's account.

Both extend the cached ModelBackend so a federated session reads its user like a password session does.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest

from accounts.backends import CachedModelBackend
from federation.models import IdentityProvider, Protocol
from federation.services import Assertion, identity_sign_in

logger = logging.getLogger("federation")

# Friendly names (pysaml2's attribute maps) and the URIs some identity providers send unconverted.
SAML_ATTRIBUTES = {
    "eppn": ("eduPersonPrincipalName", "urn:oid:1.3.6.1.4.1.5923.1.1.1.6"),
    "mail": ("mail", "urn:oid:0.9.2342.19200300.100.1.3"),
    "given_name": ("givenName", "urn:oid:2.5.4.42"),
    "surname": ("sn", "urn:oid:2.5.4.4"),
    "home": ("schacHomeOrganization", "urn:oid:1.3.6.1.4.1.25178.1.2.9"),
    "scoped_affiliation": ("eduPersonScopedAffiliation", "urn:oid:1.3.6.1.4.1.5923.1.1.1.9"),
}


def saml_values(ava: dict, key: str) -> list[str]:
    for name in SAML_ATTRIBUTES[key]:
        if ava.get(name):
            return [str(value).strip() for value in ava[name] if str(value).strip()]
    return []


def saml_value(ava: dict, key: str) -> str:
    values = saml_values(ava, key)
    return values[0] if values else ""


def saml_assertion(*, issuer: str, ava: dict) -> Assertion:
    """The protocol-neutral assertion; schacHomeOrganization counts only within the IdP's registered scopes."""
    home = saml_value(ava, "home").lower()
    scopes = IdentityProvider.objects.filter(entity_id=issuer).values_list("scopes", flat=True).first() or []
    if home and home not in scopes:
        logger.warning("%s asserted schacHomeOrganization %s outside its scopes %s; ignored", issuer, home, scopes)
        home = ""
    return Assertion(
        protocol=Protocol.SAML,
        issuer=issuer,
        subject=saml_value(ava, "eppn"),
        email=saml_value(ava, "mail").lower(),
        first_name=saml_value(ava, "given_name"),
        last_name=saml_value(ava, "surname"),
        home_organisation=home,
        scoped_affiliations=saml_values(ava, "scoped_affiliation"),
    )


def _current_user(request: HttpRequest | None):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class SamlBackend(CachedModelBackend):
    """Answers djangosaml2's assertion consumer (``session_info`` verified by pysaml2); ignores passwords."""

    def authenticate(self, request, session_info=None, assertion_info=None, **kwargs):
        if session_info is None:
            return None
        assertion = saml_assertion(issuer=session_info["issuer"], ava=session_info.get("ava", {}))
        return identity_sign_in(assertion=assertion, current_user=_current_user(request))
