"""Backups restore: the demo exported as JSON loads into an empty database with every course, task and history
entry (content types and permissions by natural key, which a fresh database already has), and the SQLite copy
that `make backup` takes holds what it copied."""

from __future__ import annotations

import sqlite3
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from core.backup import EXPORT_ARGS, sqlite_copy


def counts() -> dict[str, int]:
    """Rows of every model of ours, history tables included."""
    ours = {"core", "accounts", "teams", "phases", "support", "quality", "reminders"}
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in ours}


@pytest.mark.django_db(transaction=True)
def test_a_json_export_of_the_demo_loads_into_an_empty_database(tmp_path):
    call_command("seed_demo", stdout=StringIO())
    before = counts()
    assert before["teams.Course"] == 3 and before["phases.Task"] > 0 and before["phases.HistoricalTask"] > 0
    dump = tmp_path / "export.json"
    call_command("dumpdata", *EXPORT_ARGS, output=str(dump), stdout=StringIO())

    call_command("flush", interactive=False)  # an empty database: tables, content types, permissions, no data
    assert counts()["teams.Course"] == 0
    call_command("loaddata", str(dump), stdout=StringIO())

    after = counts()
    assert after == before
    from phases.models import Task

    assert sorted(Task.objects.values_list("title", flat=True)) == sorted(
        Task.history.filter(history_type="+").values_list("title", flat=True)
    )


def test_make_export_uses_the_same_options_as_the_tested_export():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    for option in EXPORT_ARGS:
        assert option in makefile


def test_a_sqlite_backup_holds_a_consistent_copy_and_restores_it(tmp_path):
    live, copy = tmp_path / "live.sqlite3", tmp_path / "backup.sqlite3"
    with sqlite3.connect(live) as db:
        db.execute("CREATE TABLE course (title TEXT)")
        db.execute("INSERT INTO course VALUES ('Green Energy')")
    sqlite_copy(live, copy)
    with sqlite3.connect(live) as db:
        db.execute("DELETE FROM course")  # the accident
    sqlite_copy(copy, live)  # make restore
    with sqlite3.connect(live) as db:
        assert db.execute("SELECT title FROM course").fetchall() == [("Green Energy",)]
