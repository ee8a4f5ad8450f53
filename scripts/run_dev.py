"""`make run`: the web app and a real Celery worker with embedded beat, ending together on Ctrl-C.

Without REDIS_URL the worker uses kombu's filesystem broker in var/broker, so nothing needs installing.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "microcred.settings.local")

import django  # noqa: E402

django.setup()
from demo.story.teams import DEMO_PASSWORD, DOMAIN, LOGINS  # noqa: E402


def first_sweep() -> None:
    """Queue one reminder sweep now, so a fresh `make run` shows reminders within a minute instead of after beat's
    first interval (REMINDER_SWEEP_MINUTES); the worker takes it as soon as it is ready. A digest round too."""
    from digests.tasks import digest_round
    from reminders.tasks import sweep

    sweep.delay()
    digest_round.delay()


READY_FILE = ROOT / "var" / "worker-ready"
URL = "http://127.0.0.1:8000"


def wait_until_ready(timeout: float = 60) -> None:
    """Until the worker has started (it touches READY_FILE) and the web app answers, so that the URL and the demo
    logins are the console's last lines, not buried under start-up messages."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not READY_FILE.exists():
        time.sleep(0.3)
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{URL}/healthz", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    time.sleep(1.5)  # the first sweep's task lines


def main() -> int:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "microcred.settings.local"),
        "MICROCRED_WORKER_READY_FILE": str(READY_FILE),
    }
    READY_FILE.unlink(missing_ok=True)
    for folder in ("var/broker/queue", "var/broker/processed"):
        (ROOT / folder).mkdir(parents=True, exist_ok=True)
    worker = subprocess.Popen(
        [str(BIN / "celery"), "-A", "microcred", "worker", "--beat", "--loglevel=INFO", "--concurrency=2",
         "--schedule", str(ROOT / "var" / "celerybeat-schedule")],
        cwd=ROOT, env=env,
    )  # fmt: skip
    first_sweep()
    web = subprocess.Popen([sys.executable, "manage.py", "runserver", "127.0.0.1:8000"], cwd=ROOT, env=env)
    wait_until_ready()
    logins = "\n".join(f"    {local + '@' + DOMAIN:<32} {what}" for local, _f, _l, _i, what in LOGINS)
    print(
        f"\n  microcred is running on {URL}\n"
        f"  Demo logins (password: {DEMO_PASSWORD}):\n{logins}\n"
        f"  Django admin: {URL}/admin/ (admin login above)\n"
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
