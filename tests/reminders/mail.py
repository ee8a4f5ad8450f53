"""E-mail backends for the reminder tests (a failing one; a slow file one a worker can be killed inside)."""

import os
import time

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


class SlowFileBackend(FileBackend):
    """Waits REMINDER_TEST_SEND_DELAY seconds before writing each message, like a slow SMTP server."""

    def write_message(self, message):
        time.sleep(float(os.environ.get("REMINDER_TEST_SEND_DELAY", "0")))
        super().write_message(message)
