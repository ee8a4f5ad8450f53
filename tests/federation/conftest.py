"""A configured SAML service provider with one real identity provider in signed federation metadata."""

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

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


def configure_saml(settings, tmp_path, *, site_url: str = "http://testserver", idp_base: str = IDP_BASE) -> Saml:
    settings.SITE_URL = site_url
    settings.SAML_ENABLED = True
    settings.SAML_SP_KEY_FILE, settings.SAML_SP_CERT_FILE = key_pair(tmp_path, "sp")
    federation_key = key_pair(tmp_path, "federation")
    idp = TestIdP(entity_id=idp_base, key=key_pair(tmp_path, "idp"), scope="leuvenheim.example",
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


# ------------------------------------------------------------------------------
# A real OpenID Connect provider: django-oauth-toolkit in its own process, with its own database.
# ------------------------------------------------------------------------------
@dataclass
class OpenIdProvider:
    issuer: str
    base: str

    def control(self, *, mode: str = "", redirect_uris: str = "") -> None:
        requests.post(f"{self.base}/control/", data={"mode": mode, "redirect_uris": redirect_uris}, timeout=10)

    def authorize(self, location: str, *, username: str = "grace") -> str:
        """A person at the provider: log in, and return where the provider sends the browser back."""
        browser = requests.Session()
        login = browser.get(f"{self.base}/login/", params={"next": location.removeprefix(self.base)}, timeout=10)
        assert login.status_code == 200
        answer = browser.post(
            f"{self.base}/login/",
            data={"username": username, "password": "op-password", "next": location.removeprefix(self.base),
                  "csrfmiddlewaretoken": browser.cookies["op_csrftoken"]},
            allow_redirects=False, timeout=10,
        )  # fmt: skip
        assert answer.status_code == 302, answer.text
        back = browser.get(self.base + answer.headers["Location"] if answer.headers["Location"].startswith("/") else
                           answer.headers["Location"], allow_redirects=False, timeout=10)  # fmt: skip
        assert back.status_code == 302, back.text
        return back.headers["Location"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def openid_provider(tmp_path_factory) -> Iterator[OpenIdProvider]:
    folder = tmp_path_factory.mktemp("op")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "OP_DATABASE": str(folder / "op.sqlite3"),
        "OP_KEY_FILE": key_pair(folder, "op")[0],
        "OP_ROGUE_KEY_FILE": key_pair(folder, "rogue")[0],
        "OP_ISSUER": f"{base}/o",
        "OP_CONTROL_FILE": str(folder / "mode"),
        "OP_REDIRECT_URIS": "http://testserver/federation/oidc/callback/",
        "DJANGO_SETTINGS_MODULE": "tests.federation.op.settings",
    }
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "tests.federation.op.serve", str(port)], env=env,
                               stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    try:
        assert process.stdout.readline().strip() == b"ready"
        yield OpenIdProvider(issuer=f"{base}/o", base=base)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def oidc(db, settings, openid_provider) -> OpenIdProvider:
    settings.OIDC_PROVIDERS = {
        "leuvenheim": {
            "issuer": openid_provider.issuer,
            "client_id": "microcred",
            "client_secret": "microcred-secret",
            "name": "University of Leuvenheim (Entra ID)",
            "country": "BE",
            "scopes": "openid email profile",
            "schac_claim": "schac_home_organization",
            "affiliation_claim": "eduperson_scoped_affiliation",
        }
    }
    openid_provider.control(mode="")
    yield openid_provider
    openid_provider.control(mode="")
