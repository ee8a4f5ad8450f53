"""Admins subscribe every course of an institution in Django admin; the address check applies there too."""

import pytest
from django.urls import reverse

from webhooks.models import Subscription

pytestmark = pytest.mark.django_db


def test_an_admin_subscribes_an_institution_and_private_addresses_need_the_allowance(cast, client):
    client.force_login(cast.admin)
    url = reverse("admin:webhooks_subscription_add")
    data = {"institution": cast.course.lead_institution_id, "url": "http://10.0.0.7/in", "events": '["task.done"]',
            "description": "", "active": "on"}  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 200 and "only an administrator can allow that" in refused.content.decode()
    assert client.post(url, {**data, "allow_private_network": "on"}).status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.secret.startswith("whsec_") and subscription.created_by == cast.admin
