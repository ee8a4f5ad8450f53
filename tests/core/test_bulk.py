"""core.bulk.among: the sweep's reads over tens of thousands of ids give each caller the rows of its ids."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import core.bulk
from accounts.models import User
from core.bulk import among
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("many_ids", [2000, 1], ids=["few ids", "more ids than MANY_IDS"])
def test_among_reads_the_rows_of_the_ids_asked_for(monkeypatch, many_ids):
    monkeypatch.setattr(core.bulk, "MANY_IDS", many_ids)
    wanted, other = UserFactory.create_batch(3), UserFactory()
    ids = {u.pk for u in wanted} | {10**9}  # one id with no row
    with CaptureQueriesContext(connection) as queries:
        found = set(among(User.objects.all(), "pk", ids).values_list("pk", flat=True))
    assert found & ids == {u.pk for u in wanted}
    if connection.vendor == "postgresql" or many_ids > len(ids):
        assert other.pk not in found  # filtered by the database
    assert len(queries) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="arrays are PostgreSQL's")
def test_on_postgresql_fifty_thousand_ids_go_as_one_parameter():
    user = UserFactory()
    ids = set(range(10**8, 10**8 + 50_000)) | {user.pk}
    with CaptureQueriesContext(connection) as queries:
        assert list(among(User.objects.all(), "pk", ids).values_list("pk", flat=True)) == [user.pk]
    assert "ANY(" in queries[0]["sql"] and " IN (" not in queries[0]["sql"]


def test_no_ids_read_nothing(django_assert_num_queries):
    UserFactory()
    with django_assert_num_queries(0):
        assert list(among(User.objects.all(), "pk", set())) == []
