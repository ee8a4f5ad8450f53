"""A configured SAML service provider with one real identity provider in signed federation metadata."""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from federation.metadata import metadata_refresh
from tests.federation.idp import IDP_BASE, TestIdP, key_pair, signed_federation_metadata, sp_metadata_xml


@dataclass
class Saml:
    idp: TestIdP
    federation_key: tuple[str, str]
    metadata_file: str

    def start(self, client, *, idp: str | None = None, next_url: str = ""):
        """The browser's first step: our login URL, answered by a redirect to the IdP."""
        query = {"idp": idp or self.idp.entity_id}
        if next_url:
            query["next"] = next_url
        response = client.get("/saml2/login/", query)
        assert response.status_code == 302, response.content
        return self.idp.receive(response["Location"])

    def sign_in(self, client, *, respond_with=None, **respond):
        """Start, let the IdP answer (optionally edited) and post the answer to our assertion consumer."""
        request, relay_state = self.start(client)
        saml_response = (respond_with or self.idp).respond(request, **respond)
        return client.post(urlsplit(request.assertion_consumer_service_url).path,
                           {"SAMLResponse": saml_response, "RelayState": relay_state})  # fmt: skip


def configure_saml(settings, tmp_path, *, site_url: str = "http://testserver") -> Saml:
    settings.SITE_URL = site_url
    settings.SAML_ENABLED = True
    settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE = key_pair(tmp_path, "sp")
    federation_key = key_pair(tmp_path, "federation")
    idp = TestIdP(entity_id=IDP_BASE, key=key_pair(tmp_path, "idp"), scope="leuvenheim.example",
                  name="University of Leuvenheim")  # fmt: skip
    metadata_file = tmp_path / "federation.xml"
    metadata_file.write_text(signed_federation_metadata([idp], federation_key))
    settings.SAML_METADATA_FILE = str(metadata_file)
    settings.SAML_METADATA_URL = ""
    settings.SAML_METADATA_CERT_FILE = federation_key[1]
    metadata_refresh()
    idp.sp_metadata = sp_metadata_xml()
    return Saml(idp=idp, federation_key=federation_key, metadata_file=str(metadata_file))


@pytest.fixture
def saml(db, settings, tmp_path) -> Saml:
    return configure_saml(settings, tmp_path)
