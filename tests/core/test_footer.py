"""The footer names the time zone the pages' times are shown in: the one in the settings."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("zone", ["Europe/Lisbon", "Europe/Helsinki"])
def test_footer_shows_the_configured_time_zone(client, cast, zone):
    client.force_login(cast.leader)
    with override_settings(TIME_ZONE=zone):
        body = client.get(reverse("teams:dashboard")).content.decode()
    assert f"Times shown in {zone}" in body
