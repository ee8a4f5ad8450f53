"""Settings shared by every environment, read from the environment (12-factor).

Environment-specific modules (local, test, production) import everything from here and change little.
See .env.example for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ

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
    # ours
    "core",
    "accounts",
    "teams",
    "reminders",
    "phases",
    "support",
    "quality",
    "governance",
    "documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------------------
# Cache: Redis when REDIS_URL is set, else files under var/cache, which the web process and the Celery worker
# share (a change the worker makes must reach the web's cached pages; local memory would not).
# ------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "microcred",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
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
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "teams:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # invitation links stay valid for three days

# Sessions are read from the cache (Redis in production) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
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

# How long a link that confirms an affiliation through an institutional e-mail address works (teams.affiliations).
AFFILIATION_LINK_HOURS = env.int("AFFILIATION_LINK_HOURS", default=72)

# django-guardian: no anonymous user row; anonymous visitors never see a course.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# ------------------------------------------------------------------------------
# Internationalisation
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
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
CELERY_BEAT_SCHEDULE = {
    "reminders-sweep": {
        "task": "reminders.tasks.sweep",
        "schedule": REMINDER_SWEEP_INTERVAL,
    },
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
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
