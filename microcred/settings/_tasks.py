"""Background work: Celery, its periodic schedule and the transactional outbox. Imported by base."""

from datetime import timedelta
from pathlib import Path

from microcred.settings._environment import REDIS_URL, VAR_DIR, env
from microcred.settings._federation import SAML_METADATA_REFRESH_HOURS

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
