"""`make run`'s console: e-mails as one readable INFO line, and no traceback for an expected 403 or 404."""

import logging
import sys

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from core.devlog import QuietExpectedRefusals


@override_settings(EMAIL_BACKEND="core.devlog.LoggingEmailBackend")
def test_an_email_is_logged_at_info_with_its_subject_as_written(caplog):
    with caplog.at_level(logging.INFO, logger="microcred.mail"):
        mail.send_mail("Réunion : décision à prendre", "Body", "from@example.org", ["ana@example.org"])
    assert [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "microcred.mail"] == [
        (logging.INFO, "E-mail to ana@example.org: Réunion : décision à prendre")
    ]


def _record(status: int) -> logging.LogRecord:
    try:
        raise PermissionError("refused")
    except PermissionError:
        record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden: /x", (), sys.exc_info())
    record.status_code = status
    return record


@pytest.mark.parametrize("status,keeps_traceback", [(403, False), (404, False), (500, True)])
def test_expected_refusals_are_logged_without_a_traceback(status, keeps_traceback):
    record = _record(status)
    assert QuietExpectedRefusals().filter(record) is True  # the line itself stays
    assert (record.exc_info is not None) is keeps_traceback


@pytest.mark.django_db
def test_the_console_handler_drops_the_traceback_of_a_refused_page(client, cast):
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    assert any(isinstance(f, QuietExpectedRefusals) for f in handler.filters)
    client.force_login(cast.outsider)
    assert client.get(reverse("teams:team", kwargs={"slug": cast.course.slug})).status_code in (403, 404)
