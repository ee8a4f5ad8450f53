"""Production settings pass Django's deployment checks; the guideline's minimums cannot be lowered."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import override_settings

from core.checks import phase_minimums_not_below_guideline

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_nothing_with_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "microcred.settings.production",
        "SECRET_KEY": "k" * 64 + "-not-a-real-secret-but-long-and-random-enough-9f8e7d",
        "ALLOWED_HOSTS": "microcred.example.eu",
        "DEBUG": "false",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_lowering_the_design_minimum_below_the_guideline_is_an_error():
    with override_settings(MICROCRED={"DESIGN_MIN_MONTHS": 2, "DEVELOPMENT_MIN_MONTHS": 6}):
        errors = phase_minimums_not_below_guideline(None)
    assert [e.id for e in errors] == ["microcred.E001"]
    assert "at least 3 months" in errors[0].msg


def test_raising_the_minimums_is_allowed():
    with override_settings(MICROCRED={"DESIGN_MIN_MONTHS": 4, "DEVELOPMENT_MIN_MONTHS": 9}):
        assert phase_minimums_not_below_guideline(None) == []
