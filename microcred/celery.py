"""The Celery app.

The broker is Redis when REDIS_URL is set, otherwise kombu's filesystem transport in ``var/broker`` so that
``make run`` needs nothing installed. All configuration lives in settings under the ``CELERY_`` namespace.
"""

import os
from pathlib import Path

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings.local")

app = Celery("microcred")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _tell_run_dev(**kwargs) -> None:
    """`make run` (scripts/run_dev.py) waits for this file to print the URL and logins after the start-up lines."""
    marker = os.environ.get("MICROCRED_WORKER_READY_FILE")
    if marker:
        Path(marker).touch()
