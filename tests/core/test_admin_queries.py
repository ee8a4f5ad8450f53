"""Every Django admin change list reads a fixed number of queries, however many rows it shows.

Before, the user list went from 5 to 49 queries with 56 users, partnerships from 3 to 14: a related object read
per row for ``list_display``. Each change list is measured over the demo consortium, then again after a
consortium-scale data set is added; the count must not move, and stays under a small ceiling.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.accounts import AdminFactory

pytestmark = pytest.mark.django_db

CEILING = 14


def _changelists() -> list[tuple[str, str]]:
    return sorted(
        (model._meta.label, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        for model in admin.site._registry
    )


def _counts(client) -> dict[str, int]:
    counts = {}
    for label, url in _changelists():
        client.get(url)  # content types, sessions: what any later visit finds cached
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, label
        counts[label] = len(ctx.captured_queries)
    return counts


def test_every_admin_change_list_has_a_fixed_query_count(client):
    call_command("seed_demo", verbosity=0)
    client.force_login(AdminFactory())
    small = _counts(client)
    call_command("seed_scale", courses=4, institutions=8, members=6, verbosity=0)
    large = _counts(client)
    grown = {label: (small[label], large[label]) for label in small if large[label] != small[label]}
    assert grown == {}
    assert {label: n for label, n in large.items() if n > CEILING} == {}
