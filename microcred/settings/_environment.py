"""Where settings come from (the environment and an optional .env file), and the values more than one settings
module reads."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-local-key-change-me")
# The cache and the Celery broker: Redis when set, else files under var/.
REDIS_URL = env("REDIS_URL", default="")
