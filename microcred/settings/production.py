"""Production: DEBUG off, HTTPS only, secrets from the environment.

`manage.py check --deploy --fail-level WARNING` passes with these settings and the variables in .env.example.
"""

from microcred.settings.base import *  # noqa: F403
from microcred.settings.base import env

DEBUG = False
# Persistent database connections: each worker keeps its connection a minute and checks it before reusing it,
# instead of opening one per request. scripts/bench_web.py measures with them (CONN_MAX_AGE=60).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# core.checks: refuse to start without a cache every host shares (REDIS_URL).
REQUIRE_SHARED_CACHE = True
SECRET_KEY = env("SECRET_KEY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SAML_SESSION_COOKIE_SAMESITE = "None"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
STORAGES = {
    **STORAGES,  # noqa: F405  (documents: the filesystem, or the S3-compatible store configured in base)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
