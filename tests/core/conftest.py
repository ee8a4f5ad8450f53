"""Parts that fail: a cache and a broker refusing connections, as when Redis is down."""

from __future__ import annotations

import socket

import pytest

from core.cache import ResilientRedisCache
from microcred.celery import app
from microcred.settings.base import redis_cache


def refused_port() -> int:
    """A local port nothing listens on: bound, then released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cache_down(settings):
    """The site's cache on a Redis that refuses connections."""
    ResilientRedisCache.outage.reset()
    settings.CACHES = {"default": redis_cache(f"redis://127.0.0.1:{refused_port()}/0")}
    yield
    ResilientRedisCache.outage.reset()


@pytest.fixture
def broker_down():
    """Celery as in production (tasks go to the broker), with the broker refusing connections."""
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "broker_transport_options")}
    app.conf.update(
        task_always_eager=False, broker_url=f"redis://127.0.0.1:{refused_port()}/0", broker_transport_options={}
    )
    _forget_connections()
    yield
    app.conf.update(saved)
    _forget_connections()


def _forget_connections() -> None:
    """Celery keeps its connection pool and a producer pool made from it: both are dropped when the broker changes."""
    app._pool = None
    app.amqp._producer_pool = None
