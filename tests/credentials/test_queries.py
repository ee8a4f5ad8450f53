"""The profile page, the overview card and the exports read in a fixed number of queries, whatever the rows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from credentials import services
from credentials.exports import badges, elm
from credentials.selectors import profile_state
from tests.factories.teams import add_partner
from tests.utils import queries_after_change as queries

pytestmark = pytest.mark.django_db


def grow(course, leader, n: int, start: int) -> None:
    for i in range(start, start + n):
        services.outcome_add(
            actor=leader, course=course, text=f"Outcome {i}", esco_uri=f"http://data.europa.eu/esco/skill/x-{i}"
        )
        add_partner(course)


def count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_profile_state_reads_in_five_queries(complete, cast):
    assert count(lambda: profile_state(course=complete)) == 5
    grow(complete, cast.leader, 6, 0)
    assert count(lambda: profile_state(course=complete)) == 5


@pytest.mark.parametrize("builder", [elm.build, badges.build])
def test_exports_do_not_grow_with_outcomes_or_partners(complete, cast, builder):
    before = count(lambda: builder(complete))
    grow(complete, cast.leader, 6, 100)
    assert count(lambda: builder(complete)) == before


@pytest.mark.parametrize("url_name", ["credentials:profile", "credentials:profile_edit"])
def test_pages_are_pinned(complete, cast, url_name):
    client = Client()
    client.force_login(cast.leader)
    url = reverse(url_name, args=[complete.slug])
    before = queries(client, url)
    grow(complete, cast.leader, 6, 200)
    assert queries(client, url) == before
    assert before <= 14


def test_overview_card_costs_the_same_with_more_rows(complete, cast):
    client = Client()
    client.force_login(cast.partner)
    url = complete.get_absolute_url()
    before = queries(client, url)
    grow(complete, cast.leader, 6, 300)
    assert queries(client, url) == before
