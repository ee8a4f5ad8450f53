"""The SAML service provider's pysaml2 configuration: settings plus the last verified federation metadata."""

from __future__ import annotations

import logging
import threading

import saml2
from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from saml2.config import SPConfig
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from federation.metadata import MetadataRefused, metadata_refresh, metadata_source
from federation.models import FederationMetadata

logger = logging.getLogger("federation")

REQUIRED_ATTRIBUTES = ["eduPersonPrincipalName", "mail"]
OPTIONAL_ATTRIBUTES = ["givenName", "sn", "displayName", "schacHomeOrganization", "eduPersonScopedAffiliation"]

# Parsing a federation's metadata (eduGAIN: thousands of entities) takes seconds: keep one parsed
# configuration per process and rebuild it only when the stored document or the settings change.
_lock = threading.Lock()
_cached: dict[tuple, SPConfig] = {}


def sp_urls() -> dict[str, str]:
    """Absolute URLs of the service provider, from SITE_URL (never from the request's Host header)."""
    base = settings.SITE_URL.rstrip("/")
    return {
        "entity_id": settings.SAML_SP_ENTITY_ID or base + reverse("saml2_metadata"),
        "acs": base + reverse("saml2_acs"),
        "ls_redirect": base + reverse("saml2_ls"),
        "ls_post": base + reverse("saml2_ls_post"),
    }


def _config_dict(metadata_xml: str | None) -> dict:
    urls = sp_urls()
    config = {
        "xmlsec_binary": settings.XMLSEC_BINARY,
        "entityid": urls["entity_id"],
        "allow_unknown_attributes": True,
        "accepted_time_diff": settings.SAML_ACCEPTED_TIME_DIFF,
        "service": {
            "sp": {
                "name": settings.SAML_SP_ORGANISATION,
                "endpoints": {
                    "assertion_consumer_service": [(urls["acs"], saml2.BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (urls["ls_redirect"], saml2.BINDING_HTTP_REDIRECT),
                        (urls["ls_post"], saml2.BINDING_HTTP_POST),
                    ],
                },
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                # Either the assertion or the whole response must carry the IdP's signature: Shibboleth IdPs sign
                # the response (and encrypt the assertion) by default, SimpleSAMLphp signs the assertion.
                "want_assertions_signed": False,
                "want_response_signed": False,
                "want_assertions_or_response_signed": True,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "required_attributes": REQUIRED_ATTRIBUTES,
                "optional_attributes": OPTIONAL_ATTRIBUTES,
            }
        },
        "key_file": settings.SAML_SP_KEY_FILE,
        "cert_file": settings.SAML_SP_CERT_FILE,
        "encryption_keypairs": [{"key_file": settings.SAML_SP_KEY_FILE, "cert_file": settings.SAML_SP_CERT_FILE}],
        "organization": {
            "name": settings.SAML_SP_ORGANISATION,
            "display_name": [(settings.SAML_SP_ORGANISATION, "en")],
            "url": settings.SITE_URL,
        },
        "metadata": {"inline": [metadata_xml]} if metadata_xml else {},
    }
    if settings.SAML_SP_CONTACT_EMAIL:
        config["contact_person"] = [{"contact_type": "technical", "email_address": settings.SAML_SP_CONTACT_EMAIL}]
    return config


def _stored_digest() -> str | None:
    return FederationMetadata.objects.filter(source=metadata_source()).values_list("digest", flat=True).first()


def sp_config(request: HttpRequest | None = None) -> SPConfig:
    """djangosaml2's SAML_CONFIG_LOADER. 404 while SAML is off, so its URLs do not exist then."""
    if not settings.SAML_ENABLED:
        raise Http404("SAML sign-in is not configured.")
    digest = _stored_digest()
    if digest is None:
        try:
            metadata_refresh()
        except (MetadataRefused, OSError) as error:
            logger.error("federation metadata refused: %s", error)
        digest = _stored_digest()
    key = (digest, settings.SITE_URL, settings.SAML_SP_ENTITY_ID, settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE)
    with _lock:
        config = _cached.get(key)
        if config is None:
            xml = FederationMetadata.objects.filter(digest=digest).values_list("xml", flat=True).first()
            config = SPConfig().load(_config_dict(xml))
            _cached.clear()
            _cached[key] = config
    return config
