"""Build the demo consortium. Running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from demo.story import credentials, governance, phases, quality, support
from demo.story.teams import DEMO_PASSWORD, DOMAIN, LOGINS, other_logins, seed_teams

# What each app adds on top of the teams, in this order (each has seed(*, courses, today)).
DEMO_PARTS = [phases, support, quality, credentials, governance]


class Command(BaseCommand):
    help = "Create the demo consortium (5 universities, 3 courses, every role) if it does not exist yet."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        courses = seed_teams()
        today = timezone.localdate()
        for part in DEMO_PARTS:
            part.seed(courses=courses, today=today)
        self.stdout.write(self.style.SUCCESS(f"Demo consortium ready: {len(courses)} courses."))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for local, _first, _last, _inst, what in LOGINS:
            self.stdout.write(f"  {local + '@' + DOMAIN:<32} {what}")
        self.stdout.write("The other members of the demo courses (same password):")
        for email, what in other_logins():
            self.stdout.write(f"  {email:<45} {what}")
