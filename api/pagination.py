"""Cursor pagination: stable pages while rows are added, and no COUNT(*) over the whole list."""

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "pk"
    page_size_query_param = "page_size"
    max_page_size = 200
