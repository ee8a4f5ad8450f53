"""A Redis cache that fails as a miss: when Redis is away, pages are served from the database.

Everything kept in the cache here (the signed-in user, course access, page fragments, the bell's count, course
versions) can be computed again from the database, so a read that fails is a miss and a write that fails is
skipped. Sessions and login lockouts are not kept here (settings: ``SESSION_ENGINE``, ``AXES_HANDLER``).

Three things make an outage cheap and safe:

- After a failure the cache is left alone for ``RETRY_AFTER`` seconds (every call is a miss at once), so an
  unreachable host does not cost a socket timeout per call.
- A failure is logged at most once a minute per process (``LOG_EVERY``), with the number of calls it spared.
- Writes that could not be made are remembered (the keys, up to ``FORGET_LIMIT``) and deleted when Redis answers
  again: a version bump lost in the outage must not let Redis serve the value it was meant to replace. Past the
  limit, every key of this site (its ``KEY_PREFIX``) is deleted instead; never ``FLUSHDB``, which would also
  empty the Celery queue kept in the same Redis database.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
LOG_EVERY = 60.0
FORGET_LIMIT = 10_000
MISSING = object()


class _Outage:
    """What one process knows of the cache being away (shared by its threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.logged_at = -LOG_EVERY
        self.spared = 0
        self.unwritten: set[str] = set()
        self.overflowed = False

    def reset(self) -> None:
        _Outage.__init__(self)


def _written_keys(name: str, args: tuple, kwargs: dict) -> Iterable[str]:
    """The keys a write call touches, as given by its caller (before the prefix is applied)."""
    if name in ("set_many",):
        data = args[0] if args else kwargs.get("data", {})
        return list(data)
    if name in ("delete_many",):
        keys = args[0] if args else kwargs.get("keys", [])
        return list(keys)
    key = args[0] if args else kwargs.get("key")
    return [key] if key is not None else []


WRITES = {"set", "set_many", "add", "delete", "delete_many", "incr", "decr", "touch", "expire", "persist"}


def _tolerant(default: Any = None) -> Callable:
    """Run the call; on any failure of Redis answer ``default`` (a miss) and note the outage."""

    def decorate(method: Callable) -> Callable:
        name = method.__name__

        @functools.wraps(method)
        def wrapper(self: ResilientRedisCache, *args, **kwargs):
            outage = self.outage
            if time.monotonic() < outage.down_until:
                self._note_skipped(name, args, kwargs)
                return default() if callable(default) else default
            try:
                result = method(self, *args, **kwargs)
            except Exception as exc:  # a Redis error of any kind: connection, timeout, protocol, out of memory
                self._note_failure(name, args, kwargs, exc)
                return default() if callable(default) else default
            if outage.unwritten or outage.overflowed:
                self._forget_unwritten()
            return result

        return wrapper

    return decorate


class ResilientRedisCache(RedisCache):
    """django-redis's cache where a failing Redis is a miss (reads) or a skipped write, never an error."""

    outage = _Outage()

    def _note_skipped(self, name: str, args: tuple, kwargs: dict) -> None:
        with self.outage.lock:
            self.outage.spared += 1
            self._remember(name, args, kwargs)

    def _note_failure(self, name: str, args: tuple, kwargs: dict, exc: Exception) -> None:
        now = time.monotonic()
        with self.outage.lock:
            self.outage.down_until = now + RETRY_AFTER
            self._remember(name, args, kwargs)
            if now - self.outage.logged_at < LOG_EVERY:
                self.outage.spared += 1
                return
            spared, self.outage.spared, self.outage.logged_at = self.outage.spared, 0, now
        logger.warning(
            "Cache unavailable, serving from the database (%s: %s); %s more cache calls missed since the last notice",
            type(exc).__name__,
            exc,
            spared,
        )

    def _remember(self, name: str, args: tuple, kwargs: dict) -> None:
        if name not in WRITES or self.outage.overflowed:
            return
        self.outage.unwritten.update(_written_keys(name, args, kwargs))
        if len(self.outage.unwritten) > FORGET_LIMIT:
            self.outage.unwritten.clear()
            self.outage.overflowed = True

    def _forget_unwritten(self) -> None:
        """Redis answers again: drop what it holds for the keys written during the outage."""
        with self.outage.lock:
            keys, overflowed = list(self.outage.unwritten), self.outage.overflowed
            self.outage.unwritten.clear()
            self.outage.overflowed = False
        try:
            if overflowed:
                super().delete_pattern("*")
            elif keys:
                super().delete_many(keys)
        except Exception as exc:  # down again: keep them for the next recovery
            with self.outage.lock:
                self.outage.unwritten.update(keys)
                self.outage.overflowed = self.outage.overflowed or overflowed
                self.outage.down_until = time.monotonic() + RETRY_AFTER
            logger.warning("Cache unavailable again while forgetting stale entries (%s)", exc)
            return
        logger.warning("Cache available again; %s entries written during the outage forgotten", len(keys) or "all")

    @_tolerant()
    def set(self, *args, **kwargs):
        return super().set(*args, **kwargs)

    @_tolerant(False)
    def add(self, *args, **kwargs):
        return super().add(*args, **kwargs)

    def get(self, key, default=None, version=None, client=None):
        value = self._get_or_missing(key, version=version, client=client)
        return default if value is MISSING else value

    @_tolerant(MISSING)
    def _get_or_missing(self, key, version=None, client=None):
        return self.client.get(key, default=MISSING, version=version, client=client)

    @_tolerant(dict)
    def get_many(self, *args, **kwargs):
        return super().get_many(*args, **kwargs)

    @_tolerant()
    def set_many(self, *args, **kwargs):
        return super().set_many(*args, **kwargs)

    @_tolerant(False)
    def delete(self, *args, **kwargs):
        return super().delete(*args, **kwargs)

    @_tolerant()
    def delete_many(self, *args, **kwargs):
        return super().delete_many(*args, **kwargs)

    @_tolerant(False)
    def has_key(self, *args, **kwargs):
        return super().has_key(*args, **kwargs)

    @_tolerant(False)
    def touch(self, *args, **kwargs):
        return super().touch(*args, **kwargs)

    @_tolerant()
    def clear(self):
        return super().clear()

    def incr(self, key, delta=1, version=None, client=None):
        """Counters are not kept through an outage: a failing ``incr`` raises ValueError, as for a missing key."""
        result = self._incr(key, delta=delta, version=version, client=client)
        if result is None:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    @_tolerant()
    def _incr(self, key, delta=1, version=None, client=None):
        return super().incr(key, delta=delta, version=version, client=client)
