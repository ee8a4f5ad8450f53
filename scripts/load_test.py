"""`make loadtest`: 50 people signed in at once over the main pages for 60 s, under gunicorn.

Builds a fresh database with `seed_scale` (an SQLite file in a temporary folder, or the PostgreSQL database named
by ``--database-url``, which is emptied first), starts gunicorn with 2 x cores + 1 workers, signs in ``--users``
distinct members through the login form, then runs one thread per person for ``--seconds``: each goes round the
main pages every member sees (My courses, what needs me, their course's overview, timeline, phase page and
decisions, My tasks filtered, reminders, the API's course list), as fast as the answers come, or with
``--think`` seconds between one answer and the person's next click. Prints the request
count, the throughput, the median, p95 and slowest latency per page, and every error (any answer but 200, or no
answer); exits 1 if there was an error.

Bounded: one run of fixed duration against 127.0.0.1 only. The machine is shared: run it once, not in a loop.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# (label, path): "{slug}" is the person's own course.
PAGES = (
    ("My courses", "/courses/"),
    ("what needs me", "/"),
    ("course page", "/courses/{slug}/"),
    ("timeline", "/courses/{slug}/timeline/"),
    ("phase page", "/courses/{slug}/phases/development/"),
    ("decisions", "/courses/{slug}/decisions/"),
    ("My tasks, filtered", "/tasks/?status=todo&sort=due"),
    ("reminders", "/reminders/"),
    ("API: course list", "/api/v1/courses/"),
)
LABELS = [label for label, _ in PAGES]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


PEOPLE = """
import json
from demo.scale.teams import SCALE_PASSWORD
from teams.models import Membership
seen, people = set(), []
for email, slug in Membership.objects.filter(user__email__endswith="@scale.microcred.eu").order_by("pk").values_list(
    "user__email", "course__slug"
):
    if email not in seen:
        seen.add(email)
        people.append([email, slug])
    if len(people) == {n}:
        break
print(json.dumps({"password": SCALE_PASSWORD, "people": people}))
"""


def people(env: dict[str, str], n: int) -> tuple[str, list[tuple[str, str]]]:
    """The data set's password, and ``n`` distinct members of it, each with a course of theirs."""
    import json

    out = json.loads(manage(env, "shell", "-c", PEOPLE.replace("{n}", str(n))).strip().splitlines()[-1])
    found = [(email, slug) for email, slug in out["people"]]
    if len(found) < n:
        sys.exit(f"Only {len(found)} members in the data set; seed more courses.")
    return out["password"], found


def wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    sys.exit("gunicorn did not start")


def sign_in(base: str, email: str, password: str) -> requests.Session:
    """Through the login form, as a person would: the page (CSRF cookie), then the POST."""
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if page.status_code != 200 or token is None:
        sys.exit(f"The login page answered {page.status_code}")
    answer = session.post(
        f"{base}/accounts/login/",
        data={"username": email, "password": password, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        sys.exit(f"{email} could not sign in (answer {answer.status_code})")
    return session


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share + 0.5) - 1))]


def run_load(
    base: str, sessions: list[tuple[requests.Session, str]], seconds: float, think: float = 0.0
) -> tuple[dict, Counter]:
    """One thread per person until the time is up: round the main pages, again and again (each person starts at
    a different page, so that all pages are asked for at every moment)."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    lock = threading.Lock()
    start = threading.Barrier(len(sessions) + 1)
    stop_at: list[float] = []

    def person(session: requests.Session, slug: str, i: int) -> None:
        paths = [(label, path.replace("{slug}", slug)) for label, path in PAGES]
        start.wait()
        while time.monotonic() < stop_at[0]:
            label, path = paths[i % len(paths)]
            i += 1
            began = time.perf_counter()
            try:
                response = session.get(base + path, timeout=30, allow_redirects=False)
                outcome = None if response.status_code == 200 else f"{label}: HTTP {response.status_code}"
            except requests.RequestException as exc:
                outcome = f"{label}: {type(exc).__name__}"
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                timings[label].append(elapsed)
                if outcome:
                    errors[outcome] += 1
            if think:
                time.sleep(think)

    threads = [
        threading.Thread(target=person, args=(session, slug, i), daemon=True)
        for i, (session, slug) in enumerate(sessions)
    ]
    for t in threads:
        t.start()
    stop_at.append(time.monotonic() + seconds)
    start.wait()
    for t in threads:
        t.join(timeout=seconds + 60)
    return timings, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--courses", type=int, default=50, help="courses in the scale data set")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 2) + 1, help="gunicorn workers")
    parser.add_argument("--think", type=float, default=0.0, help="seconds a person waits between pages (0: none)")
    parser.add_argument("--reuse", action="store_true", help="use --database-url as it is (a data set already seeded)")
    parser.add_argument("--database-url", default="", help="a PostgreSQL database to empty and fill (default SQLite)")
    parser.add_argument("--redis-url", default="", help="the cache on Redis (default: files under var/cache)")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="microcred-load-")
    database_url = args.database_url or f"sqlite:///{folder}/load.sqlite3"
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": args.redis_url, "DEBUG": "false",
           "DJANGO_SETTINGS_MODULE": "microcred.settings.local", "CONN_MAX_AGE": "60"}  # fmt: skip
    if not (args.reuse and args.database_url):
        if args.database_url:
            manage(env, "flush", "--noinput")
        manage(env, "migrate", "--noinput")
        began = time.monotonic()
        manage(env, "seed_scale", "--courses", str(args.courses))
        print(f"seed_scale --courses {args.courses}: {time.monotonic() - began:.0f} s", file=sys.stderr)
    password, members = people(env, args.users)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "microcred.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        wait_for_port(port)
        sessions = [(sign_in(base, email, password), slug) for email, slug in members]
        print(f"{len(sessions)} people signed in; {args.seconds:.0f} s of load", file=sys.stderr)
        timings, errors = run_load(base, sessions, args.seconds, args.think)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)

    total = sum(len(v) for v in timings.values())
    load = os.getloadavg()[0]
    print(
        f"\n{args.users} people, {args.seconds:.0f} s, {args.think:g} s between pages, gunicorn {args.workers} workers, {os.cpu_count()} cores "
        f"(load average {load:.1f} at the end), {'PostgreSQL' if args.database_url else 'SQLite'}, "
        f"cache {'Redis' if args.redis_url else 'files'}, "
        f"{'the data set already there' if args.reuse else f'{args.courses} courses'}\n"
    )
    print("| page | requests | median ms | p95 ms | slowest ms | errors |")
    print("| --- | --- | --- | --- | --- | --- |")
    every = [t for label in LABELS for t in timings[label]]
    for label in LABELS:
        values = timings[label] or [0.0]
        n_errors = sum(n for what, n in errors.items() if what.startswith(label))
        print(
            f"| {label} | {len(timings[label])} | {statistics.median(values):.0f} | {percentile(values, 0.95):.0f} "
            f"| {max(values):.0f} | {n_errors} |"
        )
    print(
        f"| all pages | {total} | {statistics.median(every or [0.0]):.0f} | {percentile(every or [0.0], 0.95):.0f} "
        f"| {max(every or [0.0]):.0f} | {sum(errors.values())} |"
    )
    print(f"\n{total / args.seconds:.1f} requests per second.")
    for what, n in errors.most_common():
        print(f"error: {what} × {n}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
