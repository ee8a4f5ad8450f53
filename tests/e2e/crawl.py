"""A course in which every role has work to see, and a crawler that visits every page a role can reach.

Shared by the accessibility (axe-core) and phone-width tests. The data is built through the factories and the
services, as the tests of each app build it; the crawler follows same-origin links from the home page, the
navigation and the course tabs, one page per URL shape (``/tasks/12/`` and ``/tasks/13/`` are one shape).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from reminders.services import reminder_sweep_create
from support.models import ServiceKind
from teams.models import Membership
from tests.factories.governance import design_running, make_vision, meet_development_conditions
from tests.factories.phases import add_milestone, add_task, log_work, member
from tests.factories.quality import make_decision, make_edition, submit_report
from tests.factories.support import contacts_for

ROLES = ("leader", "partner", "qa", "learner", "stakeholder", "admin")

# Pages a crawl must not open: they act (log out, delete, remove, withdraw), download a file, or are not ours.
SKIP = re.compile(
    r"/(logout|delete|remove|withdraw|revoke|download|export|feed|calendar\.ics|dossier|pdf)(/|\.|$)"
    r"|\.(ics|pdf|csv|json|jsonld|zip|xml)$|^/(admin|api|static|media|saml|oidc)/",
)
MAX_PAGES = 45  # per role; about 40 shapes exist for the leader


@dataclass
class World:
    cast: object
    task_title: str


def build_world(cast) -> World:
    """Phases under way with tasks, work and a milestone; consultations, a vision, rules, a decision, a report."""
    course = cast.course
    today = timezone.localdate()
    for institution in {course.lead_institution, Membership.objects.get(course=course, user=cast.partner).institution}:
        contacts_for(institution, [ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING])
    phases = design_running(course, today)
    meet_development_conditions(course, today)
    design = phases["design"]
    add_milestone(design, owner=member(course, cast.leader), due_on=today + timedelta(days=7))
    team = [member(course, cast.partner), member(course, cast.learner)]
    task = add_task(design, title="Draft the syllabus", assignees=team, due_on=today + timedelta(days=3))
    add_task(design, title="Ask employers what they miss", assignees=[member(course, cast.partner)],
             due_on=today - timedelta(days=2))  # fmt: skip
    log_work(task, cast.partner, on=today - timedelta(days=1), today=today)
    make_decision(course, title="Teach in English and German")
    make_vision(course, text="A second draft of the vision.")
    edition = make_edition(course)
    submit_report(edition, course.lead_institution)
    reminder_sweep_create(today=today)
    return World(cast=cast, task_title=task.title)


def shape(path: str) -> str:
    """One representative per kind of page: numbers and slugs of objects become placeholders."""
    path = re.sub(r"^/courses/(?!new/)[^/]+", "/courses/{slug}", path)
    path = re.sub(r"/\d+(?=/|$)", "/{id}", path)
    return re.sub(rf"/({'|'.join(ServiceKind.values)})(?=/|$)", "/{kind}", path)


def same_origin_links(page, origin: str) -> list[str]:
    # getAttribute, not .href: links inside an SVG have an SVGAnimatedString there.
    hrefs = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).href)"
    )
    paths = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or parts.query:
            continue
        if not SKIP.search(parts.path):
            paths.append(parts.path)
    return paths


def crawl(page, origin: str, *, limit: int = MAX_PAGES) -> Iterator[str]:
    """Visit pages breadth-first from the home page; yield each path once the page has loaded (status < 400)."""
    queue, seen = ["/"], set()
    visited = 0
    while queue and visited < limit:
        path = queue.pop(0)
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        response = page.goto(path)
        if response is None or response.status >= 400:
            continue
        page.wait_for_load_state("load")
        visited += 1
        yield urlsplit(page.url).path
        queue.extend(p for p in same_origin_links(page, origin) if shape(p) not in seen)


def user_for(cast, role: str):
    return getattr(cast, role)
