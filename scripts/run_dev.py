"""`make run`: the web app and a real Celery worker with embedded beat, ending together on Ctrl-C.

Without REDIS_URL the worker uses kombu's filesystem broker in var/broker, so nothing needs installing.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "microcred.settings.local")}
    for folder in ("var/broker/queue", "var/broker/processed"):
        (ROOT / folder).mkdir(parents=True, exist_ok=True)
    worker = subprocess.Popen(
        [str(BIN / "celery"), "-A", "microcred", "worker", "--beat", "--loglevel=INFO", "--concurrency=2",
         "--schedule", str(ROOT / "var" / "celerybeat-schedule")],
        cwd=ROOT, env=env,
    )  # fmt: skip
    web = subprocess.Popen([sys.executable, "manage.py", "runserver", "127.0.0.1:8000"], cwd=ROOT, env=env)
    print(
        "\n  microcred is starting on http://127.0.0.1:8000\n"
        "  Demo logins (password: demo-password-2026):\n"
        "    leader@demo.microcred.eu    course leader\n"
        "    partner@demo.microcred.eu   partner representative\n"
        "    qa@demo.microcred.eu        QA officer\n"
        "    learner@demo.microcred.eu   learner representative\n"
        "    admin@demo.microcred.eu     admin (Django admin at /admin/)\n"
        "  Press Ctrl-C to stop the web app and the worker.\n",
        flush=True,
    )
    try:
        while worker.poll() is None and web.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for proc in (web, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in (web, worker):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
