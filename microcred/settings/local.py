"""Development: `make run`. SQLite, console e-mail, filesystem broker unless the environment says otherwise."""

from microcred.settings.base import *  # noqa: F403
from microcred.settings.base import env

DEBUG = env.bool("DEBUG", default=True)

if not env("EMAIL_URL", default=""):
    # One INFO line per e-mail, with its subject as written (core.devlog), instead of the raw MIME message.
    EMAIL_BACKEND = "core.devlog.LoggingEmailBackend"
