"""The REST API and webhooks settings, imported by base."""

from microcred.settings._environment import SECRET_KEY, env

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
