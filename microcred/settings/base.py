"""Settings shared by every environment, read from the environment (12-factor).

Environment-specific modules (local, test, production) import everything from here and change little.
See .env.example for every variable.
"""

from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from microcred.release import code_release
from microcred.settings._api import *  # noqa: F403  (REST API and webhooks)
from microcred.settings._environment import BASE_DIR, REDIS_URL, VAR_DIR, env
from microcred.settings._environment import SECRET_KEY as SECRET_KEY
from microcred.settings._federation import *  # noqa: F403  (institutional sign-in: SAML and OpenID Connect)
from microcred.settings._tasks import *  # noqa: F403  (Celery, its periodic schedule, the outbox)

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
# SECRET_KEY comes from _environment (the API token pepper defaults to it).
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "guardian",
    "axes",
    "csp",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_countries",
    # djangosaml2 is not an installed app: Django imports every installed app's tag libraries when its template
    # engine starts, and djangosaml2's imports pysaml2 and its XML schemas (about 20 MB of every web worker).
    # Its views load at the first SAML request (federation.saml_urls); its templates are found by DIRS below.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # ours
    "core",
    "accounts",
    "teams",
    "reminders",
    "phases",
    "support",
    "quality",
    "credentials",
    "attention",
    "calendars",
    "digests",
    "federation",
    "api",
    "webhooks",
    "demo",
    "governance",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the language cookie (the picker) or the browser's Accept-Language; after sessions and
    # before CommonMiddleware, as Django's docs require. A signed-in person's own choice wins (accounts.middleware).
    "django.middleware.locale.LocaleMiddleware",
    # SAML's own short-lived session (outstanding requests), on a cookie an identity provider's POST carries.
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware last, as its docs require.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "microcred.urls"
WSGI_APPLICATION = "microcred.wsgi.application"

# djangosaml2's own pages (the HTTP-POST binding form, its error pages), found without importing it.
SAML_TEMPLATES = Path(find_spec("djangosaml2").origin).parent / "templates"  # type: ignore[union-attr, arg-type]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", SAML_TEMPLATES],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "reminders.context_processors.unread_reminders",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database: DATABASE_URL, default an SQLite file in var/ (https://django-environ.readthedocs.io)
# ------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'microcred.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # A database host that does not answer fails a request (and /readyz) in seconds, not minutes.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    # No JIT compilation: our queries are short, and PostgreSQL's cost estimate for a join of a few thousand rows
    # at 10,000 courses passes jit_above_cost, so a query of 130 ms paid 370 ms of compiling (docs/performance.md).
    options.setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------------------
# Cache: Redis when REDIS_URL is set, else files under var/cache, which the web process and the Celery worker
# share (a change the worker makes must reach the web's cached pages; local memory would not).
# ------------------------------------------------------------------------------
# REDIS_URL comes from _environment (the Celery broker uses it too).
# Every key carries the release (microcred.release): a deploy never serves what the previous code cached.
CACHE_SITE_PREFIX = "microcred"
RELEASE = code_release(BASE_DIR)
CACHE_KEY_PREFIX = f"{CACHE_SITE_PREFIX}:{RELEASE}"


def redis_cache(url: str) -> dict:
    """The cache on Redis: a failing Redis is a miss, never an error (core.cache), with short socket timeouts
    so that an unreachable host costs a fraction of a second, and then nothing for a few seconds."""
    return {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
            "SOCKET_TIMEOUT": env.float("CACHE_TIMEOUT", default=0.5),
        },
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# How long a cached page fragment may live ({% cachedfragment %}); a change to its course replaces it at once.
# 0 turns fragment caching off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=60 * 60)
# How long the signed-in user, the ids of their courses and their course and permissions on it (for page reads;
# writes ask the database) may be kept in the cache: accounts.backends, teams.permissions. Any change to them
# replaces them at once; this only bounds how long a copy could outlive a worker killed in the instant between a
# commit and its cache update. 0 turns these caches off.
ACCESS_CACHE_SECONDS = env.int("ACCESS_CACHE_SECONDS", default=60)

# ------------------------------------------------------------------------------
# Authentication
# ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend first: it refuses a locked-out (username, IP) before any password check.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the signed-in user cached between requests.
    "accounts.backends.CachedModelBackend",
    "guardian.backends.ObjectPermissionBackend",
    # Institutional sign-in; each answers only to its own protocol's callback (federation/backends.py).
    "federation.backends.SamlBackend",
    "federation.oidc.OidcBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "attention:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitation links stay valid for three days

# Sessions live in the database alone: a cache restored from an old snapshot must not bring back a session that
# was signed out, and a cache that is down must not sign anyone out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A working day, not Django's default two weeks: these are staff accounts on shared machines.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 9)

# django-axes: lock a (username, IP) pair, never a whole IP (a campus NAT would lock out a faculty).
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Failed attempts and lockouts in the database, for the same reasons as sessions.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Count failures against the address as the login matches it (case and spaces do not make a new username), and
# against the client's address as our proxies report it (accounts.lockout).
AXES_USERNAME_CALLABLE = "accounts.lockout.normalised_username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
# How many proxies of ours stand before the app (e.g. 1: the TLS proxy). Their X-Forwarded-For entries are
# trusted, nothing else in that header is; 0 (the default) ignores the header and uses the peer's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Dates people enter must lie within this many years of today (core.dates): a typo such as 0226 is refused.
SENSIBLE_DATE_YEARS = env.int("SENSIBLE_DATE_YEARS", default=20)

# How long a link that confirms an affiliation through an institutional e-mail address works (teams.affiliations).
AFFILIATION_LINK_HOURS = env.int("AFFILIATION_LINK_HOURS", default=72)

# django-guardian: no anonymous user row; anonymous visitors never see a course.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# ------------------------------------------------------------------------------
# Internationalisation
# ------------------------------------------------------------------------------
# https://docs.djangoproject.com/en/5.2/topics/i18n/translation/ ; docs/i18n-glossary.md for translators.
# The default for e-mails to people who chose no language, and for visitors whose browser asks for none of ours.
LANGUAGE_CODE = "en"
# Each language in its own name: the picker shows them so (a German reader looks for "Deutsch").
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pl", "Polski"),
    ("nl", "Nederlands"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates in the European order (j M Y, 24-hour clock), not Django's American "en" formats.
FORMAT_MODULE_PATH = ["microcred.formats"]
# No thousand separator: numbers written into attributes and URLs ({{ obj.pk }}) must stay plain digits; counts
# large enough to need one use humanize's |intcomma, which follows the active language.
USE_THOUSAND_SEPARATOR = False
TIME_ZONE = env("TIME_ZONE", default="Europe/Brussels")
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Static files: our own copies of Bootstrap and htmx, served by WhiteNoise (no CDN)
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request when it is missing
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# ------------------------------------------------------------------------------
# Shared documents (documents app): files under MEDIA_ROOT, or in an S3-compatible object store when
# DOCUMENTS_S3_BUCKET is set (several web servers then share the files; docker-compose runs MinIO).
# https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
# Files are never served from a public address: downloads go through documents.views.DownloadView.
# ------------------------------------------------------------------------------
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # not routed: no file has a public address
DOCUMENTS_MAX_UPLOAD_MB = env.int("DOCUMENTS_MAX_UPLOAD_MB", default=25)
DOCUMENTS_S3_BUCKET = env("DOCUMENTS_S3_BUCKET", default="")
if DOCUMENTS_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            "endpoint_url": env("DOCUMENTS_S3_ENDPOINT_URL", default="") or None,  # e.g. http://minio:9000
            "access_key": env("DOCUMENTS_S3_ACCESS_KEY", default="") or None,
            "secret_key": env("DOCUMENTS_S3_SECRET_KEY", default="") or None,
            "region_name": env("DOCUMENTS_S3_REGION", default="") or None,
            "default_acl": None,  # the bucket stays private
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# ------------------------------------------------------------------------------
# E-mail: EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 (console in development)
# ------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="microcred <noreply@microcred.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ------------------------------------------------------------------------------
# Security headers. CSP via django-csp 4 (https://django-csp.readthedocs.io/en/latest/configuration.html)
# ------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# A refused form token says so in words (and as a notice to htmx), not with Django's technical page.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# ------------------------------------------------------------------------------
# Domain rules. Settings may raise the guideline's minimums, never lower them (checked in core.checks).
# ------------------------------------------------------------------------------
MICROCRED = {
    "DESIGN_MIN_MONTHS": env.int("DESIGN_MIN_MONTHS", default=3),
    "DEVELOPMENT_MIN_MONTHS": env.int("DEVELOPMENT_MIN_MONTHS", default=6),
}

# Reminders: e-mail retries (a failed e-mail waits 5 minutes, then twice as long each time, at most 6 hours).
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=8)
REMINDER_RETRY_BASE_SECONDS = env.int("REMINDER_RETRY_BASE_SECONDS", default=300)
REMINDER_RETRY_MAX_SECONDS = env.int("REMINDER_RETRY_MAX_SECONDS", default=6 * 3600)
# Support: remind of an approval step still open this many weeks before implementation starts.
SUPPORT_APPROVAL_WEEKS = env.int("SUPPORT_APPROVAL_WEEKS", default=8)
SUPPORT_CONSULTATION_DAYS = env.int("SUPPORT_CONSULTATION_DAYS", default=21)
# Quality: evaluation data is due this many days after an edition ends.
QUALITY_EVALUATION_DUE_DAYS = env.int("QUALITY_EVALUATION_DUE_DAYS", default=14)

# ------------------------------------------------------------------------------
# Logging
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"quiet_refusals": {"()": "core.devlog.QuietExpectedRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["quiet_refusals"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
