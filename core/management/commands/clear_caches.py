"""Empty this site's caches, of every release: run it after restoring a database backup (README, Operations).

Cached pages, users, course access and course versions describe the database as it was before the restore;
versions in particular may repeat, so old entries could pass as current. On Redis only this site's keys go
(``CACHE_SITE_PREFIX``), never FLUSHDB, which would also empty the Celery queue kept in the same database.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand


def clear_site_caches() -> dict[str, int | None]:
    """Clear every configured cache; for Redis, the number of keys deleted (None where a backend cannot count)."""
    cleared: dict[str, int | None] = {}
    for alias in settings.CACHES:
        cache = caches[alias]
        client = getattr(cache, "client", None)
        if client is not None and hasattr(client, "get_client"):  # django-redis
            redis = client.get_client(write=True)
            keys = list(redis.scan_iter(match=f"{settings.CACHE_SITE_PREFIX}:*", count=1000))
            for start in range(0, len(keys), 1000):
                redis.delete(*keys[start : start + 1000])
            cleared[alias] = len(keys)
        else:
            cache.clear()
            cleared[alias] = None
    return cleared


class Command(BaseCommand):
    help = "Clear this site's caches (every release). Run after restoring a database backup."

    def handle(self, *args, **options) -> None:
        for alias, count in clear_site_caches().items():
            detail = f"{count} keys" if count is not None else "cleared"
            self.stdout.write(f"cache '{alias}': {detail}")
        self.stdout.write(self.style.SUCCESS("Caches cleared: pages, users and course access are read afresh."))
