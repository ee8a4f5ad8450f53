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
        "REDIS_URL": "redis://127.0.0.1:6379/15",  # not contacted by the checks
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "CONN_MAX_AGE")},
        "DJANGO_SETTINGS_MODULE": "microcred.settings.production",
        "SECRET_KEY": "k" * 64,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/microcred",  # not contacted
    }
    code = "import django; django.setup(); from django.conf import settings; d = settings.DATABASES['default']; "
    code += "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.stdout.split() == ["60", "True"], result.stderr


def test_lowering_the_design_minimum_below_the_guideline_is_an_error():
    with override_settings(MICROCRED={"DESIGN_MIN_MONTHS": 2, "DEVELOPMENT_MIN_MONTHS": 6}):
        errors = phase_minimums_not_below_guideline(None)
    assert [e.id for e in errors] == ["microcred.E001"]
    assert "at least 3 months" in errors[0].msg


def test_raising_the_minimums_is_allowed():
    with override_settings(MICROCRED={"DESIGN_MIN_MONTHS": 4, "DEVELOPMENT_MIN_MONTHS": 9}):
        assert phase_minimums_not_below_guideline(None) == []


def test_production_refuses_to_start_without_a_shared_cache():
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "microcred.settings.production",
        "SECRET_KEY": "k" * 64 + "-not-a-real-secret-but-long-and-random-enough-9f8e7d",
        "ALLOWED_HOSTS": "microcred.example.eu",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "microcred.E010" in result.stderr + result.stdout


def test_a_per_host_cache_is_fine_outside_production():
    from core.checks import shared_cache_in_production

    with override_settings(REQUIRE_SHARED_CACHE=False):
        assert shared_cache_in_production(None) == []
    with override_settings(
        REQUIRE_SHARED_CACHE=True, CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ):
        assert [e.id for e in shared_cache_in_production(None)] == ["microcred.E010"]


def test_cache_keys_carry_a_release_derived_from_the_code(tmp_path, monkeypatch):
    from django.conf import settings

    from microcred.release import code_release

    monkeypatch.delenv("RELEASE", raising=False)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("x = 1\n")
    first = code_release(tmp_path)
    assert first == code_release(tmp_path)
    (tmp_path / "app" / "views.py").write_text("x = 2\n")
    assert code_release(tmp_path) != first
    monkeypatch.setenv("RELEASE", "abc123")
    assert code_release(tmp_path) == "abc123"
    assert settings.CACHE_KEY_PREFIX.endswith(settings.RELEASE)


def test_templates_are_compiled_once_per_process():
    """The cached template loader: a page's templates are parsed on first use, not on every request (Django's
    default when TEMPLATES names no loaders; naming loaders without it would parse every include every time)."""
    from django.template import engines
    from django.template.loaders.cached import Loader

    engine = engines["django"].engine
    assert [type(loader) for loader in engine.template_loaders] == [Loader]
    first = engine.get_template("phases/_task.html")
    assert engine.get_template("phases/_task.html") is first
