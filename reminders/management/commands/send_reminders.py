"""One reminder sweep for installations that run cron instead of Celery beat: create, then e-mail."""

from datetime import date

from django.core.management.base import BaseCommand, CommandParser

from reminders.delivery import reminder_deliver_pending
from reminders.services import reminder_sweep_create


class Command(BaseCommand):
    help = "Create the reminders due today and send their e-mails (each reminder exactly once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, help="Sweep as if today were this ISO date.")

    def handle(self, *args, **options) -> None:
        offered = reminder_sweep_create(today=options["date"])
        report = reminder_deliver_pending()
        self.stdout.write(
            f"{offered} reminder(s) due; {report.sent} e-mail(s) sent, {report.failed} failed (retried later)."
        )
