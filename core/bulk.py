"""Reads over many rows at once, for the workers that write to thousands of people in one go (the sweep)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, TypeVar

from django.db import connections
from django.db.models import F, Lookup, Model, QuerySet

M = TypeVar("M", bound=Model)

# Past this many ids, on a database without arrays, reading every row the query asks for beats an IN list: at
# 10,000 courses the sweep writes to 60,000 people, and a query of 60,000 parameters took a second for Django to
# build and another for the database to parse.
MANY_IDS = 2000


class _AnyOf(Lookup):
    """``column = ANY(%s)`` with the ids as one array parameter (PostgreSQL): 80,000 ids cost one parameter to
    build, send and parse, where an IN list costs 80,000 (1.1 s for the sweep's task query at 10,000 courses)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, sorted(self.rhs))


def among(queryset: QuerySet[M], field: str, ids: Collection[int]) -> QuerySet[M]:
    """``queryset`` limited to ``field`` in ``ids``, however many. On PostgreSQL the ids go as one array; elsewhere
    as an IN list up to ``MANY_IDS``, and past it not at all: the caller keeps the rows of its ids (as every caller
    does: it looks its ids up in what it read)."""
    if not ids:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(_AnyOf(F(field), list(ids)))
    return queryset.filter(**{f"{field}__in": ids}) if len(ids) <= MANY_IDS else queryset
