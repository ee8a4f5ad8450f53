"""Federation metadata: read it, check its signature against the federation's certificate, keep the IdP list.

Nothing in a metadata document is trusted before ``xmlsec1`` has verified the enveloped signature on its root
with the certificate configured in ``SAML_METADATA_CERT_FILE`` (never a certificate found inside the document).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element

import requests
from defusedxml import ElementTree
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from saml2.sigver import CryptoBackendXmlSec1, SignatureError

from federation.models import FederationMetadata, IdentityProvider
from federation.schac import institution_by_schac

logger = logging.getLogger("federation")

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
MDUI = "urn:oasis:names:tc:SAML:metadata:ui"
SHIBMD = "urn:mace:shibboleth:metadata:1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MAX_METADATA_BYTES = 200 * 1024 * 1024  # eduGAIN's aggregate is near 80 MB


class MetadataRefused(Exception):
    """The metadata document cannot be trusted; the message says why."""


def metadata_source() -> str:
    return settings.SAML_METADATA_URL or settings.SAML_METADATA_FILE


def _read(source: str) -> bytes:
    if source.startswith(("https://", "http://")):
        response = requests.get(source, timeout=60)
        response.raise_for_status()
        if len(response.content) > MAX_METADATA_BYTES:
            raise MetadataRefused(f"metadata larger than {MAX_METADATA_BYTES} bytes")
        return response.content
    return Path(source).read_bytes()


def metadata_verify(*, xml: bytes, cert_file: str) -> Element:
    """Return the parsed root of ``xml`` if the federation signed all of it with ``cert_file``'s key."""
    if not cert_file:
        raise MetadataRefused("SAML_METADATA_CERT_FILE is not set: the metadata signature cannot be checked")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise MetadataRefused(f"metadata is not well-formed XML: {error}") from error
    if root.tag not in (f"{{{MD}}}EntitiesDescriptor", f"{{{MD}}}EntityDescriptor"):
        raise MetadataRefused("the document is not SAML metadata")
    signature = root.find(f"{{{DS}}}Signature")
    if signature is None:
        raise MetadataRefused("metadata is not signed")
    # The signature must cover the root, not some wrapped element beside it (signature wrapping).
    references = signature.findall(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")
    root_id = root.get("ID")
    if len(references) != 1 or references[0].get("URI") not in ({f"#{root_id}"} if root_id else {""}):
        raise MetadataRefused("the metadata signature does not cover the whole document")
    node_name = root.tag[1:].replace("}", ":")
    try:
        ok = CryptoBackendXmlSec1(settings.XMLSEC_BINARY).validate_signature(
            xml, cert_file=cert_file, cert_type="pem", node_name=node_name, node_id=root_id
        )
    except SignatureError as error:
        raise MetadataRefused("metadata signature does not verify with the federation certificate") from error
    if not ok:
        raise MetadataRefused("metadata signature does not verify with the federation certificate")
    valid_until = _valid_until(root)
    if valid_until is not None and valid_until <= timezone.now():
        raise MetadataRefused(f"metadata expired at {valid_until.isoformat()}")
    return root


def _valid_until(root: Element) -> datetime | None:
    value = root.get("validUntil")
    return parse_datetime(value) if value else None


def _entities(root: Element) -> list[Element]:
    if root.tag == f"{{{MD}}}EntityDescriptor":
        return [root]
    return list(root.iter(f"{{{MD}}}EntityDescriptor"))


def _localised(elements: list[Element]) -> str:
    by_lang = {element.get(XML_LANG, ""): (element.text or "").strip() for element in elements}
    return by_lang.get("en") or next((text for text in by_lang.values() if text), "")


def identity_providers_in(root: Element) -> list[dict]:
    """Entity ID, display name and scopes of each identity provider described in verified metadata."""
    found = []
    for entity in _entities(root):
        idp = entity.find(f"{{{MD}}}IDPSSODescriptor")
        if idp is None or not entity.get("entityID"):
            continue
        name = _localised(idp.findall(f"{{{MD}}}Extensions/{{{MDUI}}}UIInfo/{{{MDUI}}}DisplayName")) or _localised(
            entity.findall(f"{{{MD}}}Organization/{{{MD}}}OrganizationDisplayName")
        )
        scopes = [
            (scope.text or "").strip().lower()
            for scope in idp.findall(f"{{{MD}}}Extensions/{{{SHIBMD}}}Scope")
            if scope.get("regexp", "false") == "false" and (scope.text or "").strip()
        ]
        found.append({"entity_id": entity.get("entityID"), "name": name or entity.get("entityID"), "scopes": scopes})
    return found


def _country(scopes: list[str]) -> str:
    for scope in scopes:
        institution = institution_by_schac(scope)
        if institution is not None:
            return str(institution.country)
    tld = scopes[0].rsplit(".", 1)[-1] if scopes else ""
    return tld.upper() if len(tld) == 2 and tld.isalpha() else ""


def metadata_refresh() -> int:
    """Read the configured federation metadata, verify it and replace the stored copy and the IdP list.

    Returns the number of identity providers. On a refused document the previous verified copy stays in use
    and the error is raised for the caller (the Celery task logs it).
    """
    source = metadata_source()
    if not source:
        return 0
    xml = _read(source)
    root = metadata_verify(xml=xml, cert_file=settings.SAML_METADATA_CERT_FILE)
    providers = identity_providers_in(root)
    with transaction.atomic():
        FederationMetadata.objects.update_or_create(
            source=source,
            defaults={
                "xml": xml.decode("utf-8"),
                "digest": hashlib.sha256(xml).hexdigest(),
                "valid_until": _valid_until(root),
                "fetched_at": timezone.now(),
            },
        )
        FederationMetadata.objects.exclude(source=source).delete()
        IdentityProvider.objects.exclude(entity_id__in=[p["entity_id"] for p in providers]).delete()
        IdentityProvider.objects.bulk_create(
            [IdentityProvider(country=_country(p["scopes"]), **p) for p in providers],
            update_conflicts=True,
            unique_fields=["entity_id"],
            update_fields=["name", "country", "scopes"],
            batch_size=500,
        )
    logger.info("federation metadata from %s verified: %d identity providers", source, len(providers))
    return len(providers)
