# The Celery app is imported here so that shared_task and .delay() always find it.
from microcred.celery import app as celery_app

__all__ = ("celery_app",)
