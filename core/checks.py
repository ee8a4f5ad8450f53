"""System checks for settings that must respect the guideline."""

from django.conf import settings
from django.core.checks import Error, register

GUIDELINE_MINIMUM_MONTHS = {"DESIGN_MIN_MONTHS": 3, "DEVELOPMENT_MIN_MONTHS": 6}


@register()
def phase_minimums_not_below_guideline(app_configs, **kwargs) -> list[Error]:
    """Settings may raise the phase minimums, never lower them below the guideline."""
    errors = []
    for key, floor in GUIDELINE_MINIMUM_MONTHS.items():
        value = settings.MICROCRED.get(key, floor)
        if value < floor:
            errors.append(
                Error(
                    f"MICROCRED['{key}'] is {value}; the guideline requires at least {floor} months.",
                    hint=f"Set {key} to {floor} or more.",
                    id="microcred.E001",
                )
            )
    return errors


# Caches every web host and worker see alike. A per-host cache (memory, files) lets one host serve pages and access
# that another host's change has already replaced.
SHARED_CACHE_BACKENDS = (
    "core.cache.ResilientRedisCache",
    "django_redis.cache.RedisCache",
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django.core.cache.backends.db.DatabaseCache",
)


@register()
def shared_cache_in_production(app_configs, **kwargs) -> list[Error]:
    """Production (``REQUIRE_SHARED_CACHE``) refuses to start with a cache that is not shared between hosts."""
    if not getattr(settings, "REQUIRE_SHARED_CACHE", False):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in SHARED_CACHE_BACKENDS:
        return []
    return [
        Error(
            f"The default cache ({backend}) is not shared between hosts: each would serve pages and access that "
            "another host's change has replaced.",
            hint="Set REDIS_URL (the production settings use Redis for the cache).",
            id="microcred.E010",
        )
    ]
