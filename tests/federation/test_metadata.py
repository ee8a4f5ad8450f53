"""Federation metadata: trusted only when the federation's certificate verifies its signature over all of it."""

import re
import threading
from datetime import timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from federation.metadata import MetadataRefused, metadata_refresh
from federation.models import ConsumedAssertion, FederationMetadata, IdentityProvider
from federation.tasks import refresh_metadata
from tests.federation.idp import TestIdP, key_pair, signed_federation_metadata

pytestmark = pytest.mark.django_db


def second_idp(tmp_path) -> TestIdP:
    return TestIdP(entity_id="https://idp.gdynia.example", key=key_pair(tmp_path, "gdynia"), scope="umg.edu.pl",
                   name="Uniwersytet Morski w Gdyni")  # fmt: skip


def test_the_identity_providers_of_signed_metadata_are_listed_with_name_scope_and_country(saml, tmp_path):
    Path(saml.metadata_file).write_text(signed_federation_metadata([saml.idp, second_idp(tmp_path)],
                                                                   saml.federation_key))  # fmt: skip
    assert metadata_refresh() == 2
    providers = {p.entity_id: p for p in IdentityProvider.objects.all()}
    gdynia = providers["https://idp.gdynia.example"]
    assert (gdynia.name, gdynia.scopes, gdynia.country) == ("Uniwersytet Morski w Gdyni", ["umg.edu.pl"], "PL")
    assert providers[saml.idp.entity_id].name == "University of Leuvenheim"


def test_metadata_signed_with_another_key_is_refused_and_the_last_good_copy_stays(saml, tmp_path, caplog):
    before = FederationMetadata.objects.get().digest
    rogue = key_pair(tmp_path, "rogue-federation")
    Path(saml.metadata_file).write_text(signed_federation_metadata([saml.idp, second_idp(tmp_path)], rogue))
    with pytest.raises(MetadataRefused, match="does not verify"):
        metadata_refresh()
    assert refresh_metadata.delay().get() == -1
    assert FederationMetadata.objects.get().digest == before
    assert list(IdentityProvider.objects.values_list("entity_id", flat=True)) == [saml.idp.entity_id]
    assert any("keeping the previous copy" in r.getMessage() for r in caplog.records)


def test_metadata_changed_after_signing_is_refused(saml, tmp_path):
    xml = Path(saml.metadata_file).read_text().replace("University of Leuvenheim", "University of Mallory")
    Path(saml.metadata_file).write_text(xml)
    with pytest.raises(MetadataRefused, match="does not verify"):
        metadata_refresh()
    assert IdentityProvider.objects.get().name == "University of Leuvenheim"


def test_unsigned_metadata_is_refused(saml, tmp_path):
    xml = Path(saml.metadata_file).read_text()
    unsigned = re.sub(r"<(\w+:)?Signature[ >].*?</(\w+:)?Signature>", "", xml, flags=re.DOTALL)
    assert unsigned != xml
    Path(saml.metadata_file).write_text(unsigned)
    with pytest.raises(MetadataRefused, match="not signed"):
        metadata_refresh()


def test_expired_metadata_is_refused(saml, tmp_path):
    Path(saml.metadata_file).write_text(signed_federation_metadata([saml.idp], saml.federation_key, valid_hours=-1))
    with pytest.raises(MetadataRefused, match="expired"):
        metadata_refresh()


def test_metadata_without_a_federation_certificate_is_never_trusted(saml, settings):
    settings.SAML_METADATA_CERT_FILE = ""
    with pytest.raises(MetadataRefused, match="SAML_METADATA_CERT_FILE"):
        metadata_refresh()


def test_metadata_is_read_from_a_url(saml, settings, tmp_path):
    Path(saml.metadata_file).write_text(signed_federation_metadata([saml.idp, second_idp(tmp_path)],
                                                                   saml.federation_key))  # fmt: skip
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *a: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.SAML_METADATA_FILE = ""
        settings.SAML_METADATA_URL = f"http://127.0.0.1:{server.server_port}/federation.xml"
        assert refresh_metadata.delay().get() == 2
        assert FederationMetadata.objects.get().source == settings.SAML_METADATA_URL
    finally:
        server.shutdown()
        server.server_close()


def test_celery_beat_refreshes_the_metadata_on_a_schedule():
    entry = django_settings.CELERY_BEAT_SCHEDULE["federation-refresh-metadata"]
    assert entry["task"] == "federation.tasks.refresh_metadata"
    assert entry["schedule"].total_seconds() == django_settings.SAML_METADATA_REFRESH_HOURS * 3600


def test_the_refresh_does_nothing_while_saml_is_off(settings):
    settings.SAML_METADATA_FILE = settings.SAML_METADATA_URL = ""
    assert refresh_metadata.delay().get() == 0
    assert not FederationMetadata.objects.exists()


def test_the_refresh_forgets_assertion_ids_long_expired():
    old = ConsumedAssertion.objects.create(
        assertion_id="_old", issuer="x", not_on_or_after=timezone.now() - timedelta(days=2)
    )
    recent = ConsumedAssertion.objects.create(assertion_id="_new", issuer="x", not_on_or_after=timezone.now())
    refresh_metadata.delay()
    assert list(ConsumedAssertion.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk != recent.pk
