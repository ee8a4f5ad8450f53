"""Caches cannot lie: cleared after a restore, replaced when an m2m changes from the other side, never bulk-stale."""

from __future__ import annotations

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core.versions import course_version
from teams.models import Network
from tests.factories.teams import CourseFactory, add_partner

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_clear_caches_empties_what_the_restored_database_no_longer_matches():
    cache.set("fragment:x", "stale page")
    out = StringIO()
    call_command("clear_caches", stdout=out)
    assert cache.get("fragment:x") is None
    assert "Caches cleared" in out.getvalue()


def test_removing_an_institution_from_a_network_replaces_its_courses_fragments():
    course = CourseFactory()
    partner = add_partner(course)
    network = Network.objects.create(name="Alliance of the North")
    partner.networks.add(network)
    before = course_version(course.pk)
    network.institutions.remove(partner)  # from the network's side
    assert course_version(course.pk) != before
    again = course_version(course.pk)
    network.institutions.add(partner)
    assert course_version(course.pk) != again
    again = course_version(course.pk)
    network.institutions.clear()
    assert course_version(course.pk) != again


# --- Bulk writes bypass the signals that replace cached course pages --------------------------------------------

BULK = re.compile(r"\.(update|bulk_update|bulk_create|delete)\(")
# Where a bulk write of a model shown on course pages is allowed: the call replaces the fragments itself
# (bump_courses / derive_course_permissions) or the rows are shown nowhere cached. Each entry: file, and why.
BULK_REVIEWED = {
    "teams/derivation.py": "derive_course_permissions bumps the course and the users itself",
    "teams/scale.py": "loads a fresh benchmark database; nothing is cached yet",
    "phases/scale.py": "benchmark data set",
    "support/scale.py": "benchmark data set",
    "quality/scale.py": "benchmark data set",
    "demo/": "demo and benchmark data sets in a fresh database",
    "teams/migrations/": "migrations run before the site serves; operators clear caches after (README)",
    "reminders/": "reminders are not shown in cached course fragments (not_shown_on_course_pages)",
    "core/versions.py": "the version machinery itself",
    "core/cache.py": "the cache itself",
    "core/outbox.py": "outbox rows are not shown on course pages",
    "webhooks/": "webhook deliveries are not shown on course pages",
    "api/": "API tokens are not shown on course pages",
    "accounts/": "sessions and tokens, not shown on course pages",
    "core/admin.py": "the outbox admin's retry action: outbox rows are not shown on course pages",
    "calendars/": "calendar feed bookkeeping (last fetched), not shown on course pages",
    "credentials/migrations/": "migrations run before the site serves; operators clear caches after (README)",
    "federation/": "identity-provider metadata, not shown on course pages",
    "scripts/": "benchmark data in a fresh database",
    "digests/": "digests, notice preferences and reminders' delivery state are not shown on course pages",
    "support/services/emails.py": "request_sent_at, the send-once marker, is not shown on course pages",
}


def _bumps(function_source: str) -> bool:
    return any(word in function_source for word in ("bump_courses", "derive_course_permissions", "bump_for"))


def test_every_bulk_write_replaces_the_cached_pages_or_is_reviewed():
    """A queryset .update()/.bulk_*() sends no signals; unless the function bumps the course versions itself, the
    cached pages would show the old rows. New bulk writes must bump, or be reviewed and listed above."""
    offenders = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = str(path.relative_to(ROOT))
        if relative.startswith((".venv", "tests/", "var/")) or any(relative.startswith(k) for k in BULK_REVIEWED):
            continue
        source = path.read_text()
        if not BULK.search(source):
            continue
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                body = ast.get_source_segment(source, node) or ""
                for call in ast.walk(node):
                    if (
                        isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Attribute)
                        and call.func.attr in ("update", "bulk_update", "bulk_create")
                        and not _is_dict_update(call)
                        and not _bumps(body)
                    ):
                        offenders.append(f"{relative}:{call.lineno} {node.name}")
    assert offenders == []


CONTAINERS = ("context", "kwargs", "attrs", "data", "initial", "extra")


def _is_dict_update(call: ast.Call) -> bool:
    """``context.update(...)``, ``widget.attrs.update(...)``, ``a_set.update(x)``: plain containers, not querysets."""
    if call.func.attr != "update":
        return False
    receiver = call.func.value
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    return name in CONTAINERS or (bool(call.args) and not call.keywords)
