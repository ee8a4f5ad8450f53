"""Build the demo consortium. Running it twice changes nothing."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from teams.demo import DEMO_PASSWORD, DOMAIN, LOGINS, seed_teams

# Apps that add their own demo data on top of the teams (each has a demo.seed(*, courses, today)).
DEMO_APPS = ["phases", "support", "quality", "credentials", "governance"]


class Command(BaseCommand):
    help = "Create the demo consortium (5 universities, 3 courses, every role) if it does not exist yet."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        courses = seed_teams()
        today = timezone.localdate()
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            module.seed(courses=courses, today=today)
        self.stdout.write(self.style.SUCCESS(f"Demo consortium ready: {len(courses)} courses."))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for local, _first, _last, _inst, what in LOGINS:
            self.stdout.write(f"  {local + '@' + DOMAIN:<32} {what}")
