"""Development: `make run`. SQLite, console e-mail, filesystem broker unless the environment says otherwise."""

from microcred.settings.base import *  # noqa: F403
from microcred.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
