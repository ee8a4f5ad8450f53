"""The Celery app.

The broker is Redis when REDIS_URL is set, otherwise kombu's filesystem transport in ``var/broker`` so that
``make run`` needs nothing installed. All configuration lives in settings under the ``CELERY_`` namespace.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings.local")

app = Celery("microcred")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
