"""Institutional sign-in settings (federation app), imported by base."""

import shutil

from microcred.settings._environment import env

# ------------------------------------------------------------------------------
# Institutional sign-in (federation app). Off unless configured; README "Institutional sign-in" has the steps.
# SAML 2.0: djangosaml2 / pysaml2 (https://djangosaml2.readthedocs.io), xmlsec1 signs and verifies.
# ------------------------------------------------------------------------------
# Federation metadata: a URL (refreshed by Celery beat) or a file; its signature is checked against the
# federation's signing certificate before any identity provider in it is trusted.
SAML_METADATA_URL = env("SAML_METADATA_URL", default="")
SAML_METADATA_FILE = env("SAML_METADATA_FILE", default="")
SAML_METADATA_CERT_FILE = env("SAML_METADATA_CERT_FILE", default="")
SAML_METADATA_REFRESH_HOURS = env.int("SAML_METADATA_REFRESH_HOURS", default=6)
SAML_ENABLED = bool(SAML_METADATA_URL or SAML_METADATA_FILE)
# The service provider's entity ID (default: SITE_URL + /saml2/metadata/) and its signing/encryption key pair.
SAML_SP_ENTITY_ID = env("SAML_SP_ENTITY_ID", default="")
SAML_SP_KEY_FILE = env("SAML_SP_KEY_FILE", default="")
SAML_SP_CERT_FILE = env("SAML_SP_CERT_FILE", default="")
SAML_SP_CONTACT_EMAIL = env("SAML_SP_CONTACT_EMAIL", default="")
SAML_SP_ORGANISATION = env("SAML_SP_ORGANISATION", default="microcred")
# Seconds of clock difference tolerated on NotBefore / NotOnOrAfter.
SAML_ACCEPTED_TIME_DIFF = env.int("SAML_ACCEPTED_TIME_DIFF", default=60)
XMLSEC_BINARY = env("XMLSEC_BINARY", default=shutil.which("xmlsec1") or "/usr/bin/xmlsec1")
SAML_CONFIG_LOADER = "federation.saml.sp_config"
# The identity provider POSTs to us from its own site: production sends the SAML cookie SameSite=None (needs
# HTTPS); over plain HTTP browsers drop such cookies, so development keeps Lax (same-site test providers only).
SAML_SESSION_COOKIE_SAMESITE = "Lax"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_IGNORE_LOGOUT_ERRORS = True
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"

# OpenID Connect: OIDC_PROVIDERS=key1,key2 and, for each KEY, OIDC_<KEY>_ISSUER, _CLIENT_ID, _CLIENT_SECRET,
# _NAME, _COUNTRY, optionally _SCOPES, _SCHAC_CLAIM, _AFFILIATION_CLAIM (see .env.example).
OIDC_PROVIDERS: dict[str, dict] = {}
for _key in env.list("OIDC_PROVIDERS", default=[]):
    _prefix = f"OIDC_{_key.upper().replace('-', '_')}_"
    OIDC_PROVIDERS[_key] = {
        "issuer": env(_prefix + "ISSUER"),
        "client_id": env(_prefix + "CLIENT_ID"),
        "client_secret": env(_prefix + "CLIENT_SECRET"),
        "name": env(_prefix + "NAME", default=_key),
        "country": env(_prefix + "COUNTRY", default=""),
        "scopes": env(_prefix + "SCOPES", default="openid email profile"),
        "schac_claim": env(_prefix + "SCHAC_CLAIM", default="schac_home_organization"),
        "affiliation_claim": env(_prefix + "AFFILIATION_CLAIM", default="eduperson_scoped_affiliation"),
    }
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
# Seconds a provider's discovery document is kept before it is read again.
OIDC_DISCOVERY_CACHE_SECONDS = env.int("OIDC_DISCOVERY_CACHE_SECONDS", default=3600)
