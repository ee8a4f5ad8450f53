"""Reads over many rows at once, for the workers that write to thousands of people in one go (the sweep)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

# Past this many ids, reading every row the query asks for beats an IN list: at 10,000 courses the sweep writes
# to 60,000 people, and a query of 60,000 parameters took a second for Django to build and another for
# PostgreSQL to parse, for tables (language choices, notice choices) with fewer rows than that.
MANY_IDS = 2000


def among(queryset: QuerySet[M], field: str, ids: Collection[int]) -> QuerySet[M]:
    """``queryset`` limited to ``field`` in ``ids``; for many ids, not limited: the caller keeps the rows of its
    ids (use it where the rows asked for are fewer than the ids, as choices people made are)."""
    return queryset.filter(**{f"{field}__in": ids}) if len(ids) <= MANY_IDS else queryset
