"""Tests: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, SQLite and the filesystem broker if not."""

import os
import re

from microcred.settings.base import *  # noqa: F403
from microcred.settings.base import REDIS_URL, env, redis_cache

DEBUG = False
SECRET_KEY = "test-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Worker tests point a real worker process at a mailbox both processes can read (filebased backend).
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=None)
ALLOWED_HOSTS = ["*"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405  (tests/documents point it at a temporary folder)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Most tests run tasks in-process, at the moment they are enqueued (after commit). The worker tests in
# tests/reminders start a real worker process with CELERY_TASK_ALWAYS_EAGER off, against the real broker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True

# Without Redis, the cache lives in the test process (the file cache is for `make run`'s two processes).
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# pytest-xdist runs the suite in several processes: each gets a Redis database of its own (10, 11, ...), so that
# one process's cache.clear() or broker cleanup never touches another's. A worker process started by a test inherits
# PYTEST_XDIST_WORKER and so lands in the same database as the test that started it.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):
    REDIS_URL = re.sub(r"(/\d*)?$", f"/{10 + int(_XDIST_WORKER[2:])}", REDIS_URL.rstrip("/"), count=1)
    CACHES = {"default": redis_cache(REDIS_URL)}
    CELERY_BROKER_URL = REDIS_URL
