"""`make run` shows reminders within a minute: scripts/run_dev.py queues a first sweep as it starts the worker."""

import importlib.util
from pathlib import Path

from digests import tasks as digest_tasks
from reminders import tasks


def test_run_dev_queues_a_first_sweep(monkeypatch):
    spec = importlib.util.spec_from_file_location("run_dev", Path(__file__).parents[2] / "scripts" / "run_dev.py")
    run_dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_dev)
    queued = []
    monkeypatch.setattr(tasks.sweep, "delay", lambda *a, **k: queued.append("sweep"))
    monkeypatch.setattr(digest_tasks.digest_round, "delay", lambda *a, **k: queued.append("digests"))
    run_dev.first_sweep()
    assert queued == ["sweep", "digests"]
