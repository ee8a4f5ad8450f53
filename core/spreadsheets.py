"""CSV that spreadsheet programs open safely and correctly.

- Formula injection: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
  formula by Excel, LibreOffice and Google Sheets (an e-mail address such as ``=cmd|' /C calc'!A0@x.org``
  included). Every text cell gets a leading apostrophe then, which the programs show as plain text. Numbers are
  written as numbers, never prefixed.
- Encoding: a UTF-8 byte-order mark first, or Excel reads the file as the system's legacy code page.
- Times: in the site's time zone (``TIME_ZONE``), as the pages show them, not UTC.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet reads it as data: text that could start a formula is quoted, times are local."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return value


def local_time(value: datetime | None) -> str:
    """A moment as the site's clock shows it, e.g. ``2026-03-01 14:05:09`` (Brussels time by default)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M:%S")


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, stream) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])


def csv_response(filename: str) -> tuple[HttpResponse, SafeWriter]:
    """An attachment response that starts with the byte-order mark, and the writer to fill it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    return response, SafeWriter(response)
