"""Settings shared by every environment, read from the environment (12-factor).

Environment-specific modules (local, test, production) import everything from here and change little.
See .env.example for every variable.
"""

import shutil
from datetime import timedelta
from pathlib import Path

import environ

from microcred.release import code_release

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY", default="insecure-local-key-change-me")
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
    "djangosaml2",
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

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------------------
# Cache: Redis when REDIS_URL is set, else files under var/cache, which the web process and the Celery worker
# share (a change the worker makes must reach the web's cached pages; local memory would not).
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
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
# Institutional sign-in (federation app). Off unless configured; README "Institutional sign-in" has the steps.
# SAML 2.0: djangosaml2 / pysaml2 (https://djangosaml2.readthedocs.io), xmlsec1 signs and verifies.
# ------------------------------------------------------------------------------
# Federation metadata: a URL (refreshed by Celery beat) or a file; its signature is checked against the
# federation's signing certificate before any identity provider in it is trusted.
SAML_METADATA_URL = env("SAML_METADATA_URL", default="")
SAML_METADATA_FILE = env("SAML_METADATA_FILE", default="")
SAML_METADATA_CERT_FILE = env("SAML_METADATA_CERT_FILE", default="")
SAML_METADATA_REFRESH_HOURS = env.int("SAML_METADATA_REFRESH_HOURS", default=6)
SAML_ENABLED = bool(SAML_METADATA_URL or SAML_METADATA_FILE)
# The service provider's entity ID (default: SITE_URL + /saml2/metadata/) and its signing/encryption key pair.
SAML_SP_ENTITY_ID = env("SAML_SP_ENTITY_ID", default="")
SAML_SP_KEY_FILE = env("SAML_SP_KEY_FILE", default="")
SAML_SP_CERT_FILE = env("SAML_SP_CERT_FILE", default="")
SAML_SP_CONTACT_EMAIL = env("SAML_SP_CONTACT_EMAIL", default="")
SAML_SP_ORGANISATION = env("SAML_SP_ORGANISATION", default="microcred")
# Seconds of clock difference tolerated on NotBefore / NotOnOrAfter.
SAML_ACCEPTED_TIME_DIFF = env.int("SAML_ACCEPTED_TIME_DIFF", default=60)
XMLSEC_BINARY = env("XMLSEC_BINARY", default=shutil.which("xmlsec1") or "/usr/bin/xmlsec1")
SAML_CONFIG_LOADER = "federation.saml.sp_config"
# The identity provider POSTs to us from its own site: production sends the SAML cookie SameSite=None (needs
# HTTPS); over plain HTTP browsers drop such cookies, so development keeps Lax (same-site test providers only).
SAML_SESSION_COOKIE_SAMESITE = "Lax"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_IGNORE_LOGOUT_ERRORS = True
SAML_LOGOUT_REQUEST_PREFERRED_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"

# OpenID Connect: OIDC_PROVIDERS=key1,key2 and, for each KEY, OIDC_<KEY>_ISSUER, _CLIENT_ID, _CLIENT_SECRET,
# _NAME, _COUNTRY, optionally _SCOPES, _SCHAC_CLAIM, _AFFILIATION_CLAIM (see .env.example).
OIDC_PROVIDERS: dict[str, dict] = {}
for _key in env.list("OIDC_PROVIDERS", default=[]):
    _prefix = f"OIDC_{_key.upper().replace('-', '_')}_"
    OIDC_PROVIDERS[_key] = {
        "issuer": env(_prefix + "ISSUER"),
        "client_id": env(_prefix + "CLIENT_ID"),
        "client_secret": env(_prefix + "CLIENT_SECRET"),
        "name": env(_prefix + "NAME", default=_key),
        "country": env(_prefix + "COUNTRY", default=""),
        "scopes": env(_prefix + "SCOPES", default="openid email profile"),
        "schac_claim": env(_prefix + "SCHAC_CLAIM", default="schac_home_organization"),
        "affiliation_claim": env(_prefix + "AFFILIATION_CLAIM", default="eduperson_scoped_affiliation"),
    }
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
# Seconds a provider's discovery document is kept before it is read again.
OIDC_DISCOVERY_CACHE_SECONDS = env.int("OIDC_DISCOVERY_CACHE_SECONDS", default=3600)

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
STORAGES = {
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
# Celery (https://docs.celeryq.dev/en/stable/userguide/configuration.html)
# ------------------------------------------------------------------------------
BROKER_DIR = Path(env("BROKER_DIR", default=str(VAR_DIR / "broker")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
else:
    # kombu's filesystem transport: one folder for messages in and out, so producer and worker meet.
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        # Exchange tables; kombu's default is ./control in whatever folder the process runs from.
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    for _folder in ("queue", "processed", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
# A task is acknowledged after it ran, so a worker killed mid-task leaves it to be redelivered.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# The one place the periodic schedule lives. Interval schedules, in UTC.
REMINDER_SWEEP_INTERVAL = timedelta(minutes=env.int("REMINDER_SWEEP_MINUTES", default=5))
# Digests go out at 08:00 in each person's time zone: a round every DIGEST_ROUND_MINUTES finds who is due.
DIGEST_ROUND_INTERVAL = timedelta(minutes=env.int("DIGEST_ROUND_MINUTES", default=15))
OUTBOX_RELAY_INTERVAL = timedelta(seconds=env.int("OUTBOX_RELAY_SECONDS", default=60))
CELERY_BEAT_SCHEDULE = {
    "reminders-sweep": {
        "task": "reminders.tasks.sweep",
        "schedule": REMINDER_SWEEP_INTERVAL,
    },
    "digests-round": {
        "task": "digests.tasks.digest_round",
        "schedule": DIGEST_ROUND_INTERVAL,
    },
    # A no-op while SAML is off.
    "federation-refresh-metadata": {
        "task": "federation.tasks.refresh_metadata",
        "schedule": timedelta(hours=SAML_METADATA_REFRESH_HOURS),
    },
    # Webhook deliveries are enqueued when their event commits; this picks up any whose message was lost.
    "webhooks-sweep": {
        "task": "webhooks.tasks.sweep",
        "schedule": timedelta(minutes=env.int("WEBHOOK_SWEEP_MINUTES", default=5)),
    },
    "outbox-relay": {
        "task": "core.tasks.outbox_relay",
        "schedule": OUTBOX_RELAY_INTERVAL,
    },
}
# /readyz: how long each dependency (database, cache, broker) may take to answer.
READYZ_TIMEOUT_SECONDS = env.float("READYZ_TIMEOUT_SECONDS", default=2)
# Beat's tasks expire when their next run is due: after a broker outage, one relay runs, not a backlog of them.
for _entry in CELERY_BEAT_SCHEDULE.values():
    if isinstance(_entry["schedule"], timedelta):
        _entry["options"] = {"expires": _entry["schedule"].total_seconds()}

# The transactional outbox (core.outbox): work to do after a commit (invitations, reminder e-mails, ...).
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=6 * 3600)
# How long a running attempt holds its message; a worker killed mid-way leaves it to be run again after this.
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=600)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=30)

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
# ------------------------------------------------------------------------------------------------------------
# REST API (/api/v1/): Django REST framework, OpenAPI 3 by drf-spectacular, personal access tokens (api.models)
# https://www.django-rest-framework.org/api-guide/settings/  https://drf-spectacular.readthedocs.io/
# ------------------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",  # first: its header makes anonymous calls a 401
        "rest_framework.authentication.SessionAuthentication",  # the browser, with CSRF on writes
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated", "api.permissions.TokenScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle", "api.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token": env("API_TOKEN_RATE", default="600/min"),
        "user": env("API_USER_RATE", default="1200/min"),
    },
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "microcred API",
    "DESCRIPTION": "Joint micro-credential courses: teams, phases, tasks, decisions, support and evaluation.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "OAS_VERSION": "3.1.0",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "TaskStatusEnum": "phases.models.Task.Status",
        "PhaseStatusEnum": "phases.models.PhaseStatus",
        "DecisionStatusEnum": "quality.models.Decision.Status",
        "ReportStatusEnum": "quality.models.EvaluationReport.Status",
        "ConsultationStatusEnum": "support.models.Consultation.Status",
        "DeliveryStatusEnum": "webhooks.models.Delivery.Status",
    },
}
# Tokens are stored as HMAC-SHA256(pepper, salt + secret); changing the pepper invalidates every token.
API_TOKEN_PEPPER = env("API_TOKEN_PEPPER", default=SECRET_KEY)
API_TOKEN_LAST_USED_SECONDS = 60  # "last used" is written at most once a minute per token

# Webhooks (webhooks app): Standard Webhooks signatures, delivered by Celery with retries and backoff.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=10.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_RETRY_BASE_SECONDS = env.int("WEBHOOK_RETRY_BASE_SECONDS", default=30)
WEBHOOK_RETRY_MAX_SECONDS = env.int("WEBHOOK_RETRY_MAX_SECONDS", default=6 * 3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
