"""A real SAML identity provider (pysaml2's Server) and a signed federation metadata document, for the tests.

The identity provider parses and checks the service provider's signed AuthnRequest and answers with a signed
assertion. ``respond(edit=...)`` lets a test change the assertion before the identity provider signs it (a wrong
audience, an expired assertion), exactly as a misconfigured or hostile identity provider would send it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import saml2
from django.conf import settings
from saml2 import samlp
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string, entities_descriptor, entity_descriptor
from saml2.s_utils import UnknownPrincipal  # noqa: F401  (kept for readers: what the server raises)
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.sigver import pre_signature_part, security_context, verify_redirect_signature

from federation.saml import sp_config
from tests.federation.keys import key_pair

IDP_BASE = "https://idp.leuvenheim.example"


def idp_config_dict(*, entity_id: str, key: tuple[str, str], sp_metadata: str, scope: str, name: str) -> dict:
    return {
        "entityid": entity_id,
        "xmlsec_binary": settings.XMLSEC_BINARY,
        "service": {
            "idp": {
                "name": name,
                "endpoints": {
                    "single_sign_on_service": [(f"{entity_id}/sso/redirect", saml2.BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(f"{entity_id}/slo/redirect", saml2.BINDING_HTTP_REDIRECT)],
                },
                "scope": [scope],
                "ui_info": {"display_name": [{"text": name, "lang": "en"}]},
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "sign_response": False,
                "sign_assertion": True,
                "want_authn_requests_signed": True,
                "policy": {"default": {"lifetime": {"minutes": 5}, "attribute_restrictions": None}},
            }
        },
        "key_file": key[0],
        "cert_file": key[1],
        "metadata": {"inline": [sp_metadata]} if sp_metadata else {},
        "organization": {"name": name, "display_name": [(name, "en")], "url": entity_id},
    }


def person(**changes) -> dict:
    attributes = {
        "eduPersonPrincipalName": ["ada@leuvenheim.example"],
        "mail": ["ada.lovelace@leuvenheim.example"],
        "givenName": ["Ada"],
        "sn": ["Lovelace"],
        "schacHomeOrganization": ["leuvenheim.example"],
        "eduPersonScopedAffiliation": ["faculty@leuvenheim.example", "member@leuvenheim.example"],
    }
    attributes.update(changes)
    return {k: v for k, v in attributes.items() if v is not None}


@dataclass
class TestIdP:
    entity_id: str
    key: tuple[str, str]
    scope: str
    name: str
    sp_metadata: str = ""
    requests: list = field(default_factory=list)

    @property
    def server(self) -> Server:
        conf = IdPConfig().load(
            idp_config_dict(entity_id=self.entity_id, key=self.key, sp_metadata=self.sp_metadata,
                            scope=self.scope, name=self.name)
        )  # fmt: skip
        return Server(config=conf)

    def metadata_descriptor(self):
        conf = IdPConfig().load(
            idp_config_dict(entity_id=self.entity_id, key=self.key, sp_metadata="", scope=self.scope, name=self.name)
        )
        return entity_descriptor(conf)

    def receive(self, location: str):
        """Take the browser's redirect to our SSO endpoint: check the SP's signature and parse the request."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        server = self.server
        assert "Signature" in query, "the service provider must sign its AuthnRequest"
        sp_cert = Path(settings.SAML_SP_CERT_FILE).read_text()
        assert verify_redirect_signature(query, server.sec.sec_backend, cert=_pem_body(sp_cert))
        request = server.parse_authn_request(
            query["SAMLRequest"], saml2.BINDING_HTTP_REDIRECT, relay_state=query.get("RelayState"),
            sigalg=query["SigAlg"], signature=query["Signature"],
        ).message  # fmt: skip
        self.requests.append(request)
        return request, query.get("RelayState", "")

    def respond(self, request, *, attributes: dict | None = None, sign: bool = True, edit=None, destination=None,
                signing_key: tuple[str, str] | None = None, sign_response: bool = False) -> str:  # fmt: skip
        """A base64 SAMLResponse to ``request``, optionally edited before the assertion is signed."""
        server = self.server
        xml = server.create_authn_response(
            attributes if attributes is not None else person(),
            in_response_to=request.id,
            destination=destination or request.assertion_consumer_service_url,
            sp_entity_id=request.issuer.text,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="opaque-ada"),
            authn={"class_ref": saml2.saml.AUTHN_PASSWORD_PROTECTED, "authn_auth": self.entity_id},
            sign_response=False,
            sign_assertion=False,
        )
        response = samlp.response_from_string(str(xml))
        assertion = response.assertion[0] if isinstance(response.assertion, list) else response.assertion
        if edit is not None:
            edit(response, assertion)
        if sign:
            key = signing_key or self.key
            security = security_context(IdPConfig().load(
                idp_config_dict(entity_id=self.entity_id, key=key, sp_metadata="", scope=self.scope, name=self.name)
            ))  # fmt: skip
            if sign_response:  # the whole response signed, the assertion not (Shibboleth's default)
                response.signature = pre_signature_part(response.id, security.my_cert, 1)
                xml = security.sign_statement(str(response), "urn:oasis:names:tc:SAML:2.0:protocol:Response",
                                              node_id=response.id)  # fmt: skip
            else:
                assertion.signature = pre_signature_part(assertion.id, security.my_cert, 1)
                xml = security.sign_statement(str(response), "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                                              node_id=assertion.id)  # fmt: skip
        else:
            xml = str(response)
        return base64.b64encode(xml.encode() if isinstance(xml, str) else xml).decode()


def _pem_body(pem: str) -> str:
    return "".join(line for line in pem.splitlines() if "-----" not in line)


def signed_federation_metadata(idps: list[TestIdP], federation_key: tuple[str, str], *, valid_hours=24) -> str:
    """An EntitiesDescriptor of ``idps``, signed with the federation's key (xmlsec1, as federations do)."""
    conf = IdPConfig().load(
        idp_config_dict(entity_id="https://federation.example", key=federation_key, sp_metadata="",
                        scope="federation.example", name="Test federation")
    )  # fmt: skip
    security = security_context(conf)
    _, xml = entities_descriptor([idp.metadata_descriptor() for idp in idps], valid_hours, "test-federation",
                                 "_federation1", True, security)  # fmt: skip
    return xml


def sp_metadata_xml() -> str:
    return create_metadata_string(None, config=sp_config(), valid=24).decode()


__all__ = ["IDP_BASE", "TestIdP", "key_pair", "person", "signed_federation_metadata", "sp_metadata_xml"]
