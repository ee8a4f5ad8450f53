"""What `make run`'s console shows: each e-mail as one readable INFO line, expected refusals without tracebacks."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("microcred.mail")


class LoggingEmailBackend(BaseEmailBackend):
    """Development e-mail: logs recipients and the subject as written (not MIME-encoded); the body at DEBUG."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            logger.info("E-mail to %s: %s", ", ".join(message.recipients()), message.subject)
            logger.debug("%s", message.body)
        return len(email_messages)


class QuietExpectedRefusals(logging.Filter):
    """A 403 or 404 is an answer, not a fault: log its one line, without the exception's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.request") and getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
        return True
