"""Evaluation: the procedure, editions, each institution's evaluation data and the QA officer's review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from core.i18n import prose_list
from quality import events as webhook_events
from quality.models import Edition, EvaluationProcedure, EvaluationReport
from quality.services import attribute
from reminders.services import reminders_withdraw
from teams.models import Course, Institution, Partnership

StrOrPromise = str | Promise
Status = EvaluationReport.Status

END_BEFORE_START = _("The edition must end after it starts ({start}).")
EDITION_NAME_TAKEN = _("This course already has an edition called “{name}”.")
EDITION_HAS_DATA = _(
    "“{edition}” cannot be deleted: {institutions} submitted evaluation data for it, and that data is kept for "
    "the course's quality assurance. Rename or re-date the edition instead."
)
END_AFTER_DATA = _(
    "Evaluation data has been submitted for this edition, so it has ended: it cannot end after today ({today})."
)
EDITION_GONE = _("This edition has just been deleted; there is nothing to submit evaluation data for.")
NOT_ENDED = _("Evaluation data for {edition} can be submitted once the edition has ended ({end}).")
ACCEPTED_FINAL = _("This evaluation data has been accepted by the QA officer and can no longer be changed.")
REPLY_REQUIRED = _("Answer the QA officer's comment: say what you changed, or why nothing needed changing.")
COMPLETED_OVER_ENROLLED = _("Learners who completed ({completed}) cannot be more than learners enrolled ({enrolled}).")
PASSED_OVER_COMPLETED = _("Learners who passed ({passed}) cannot be more than learners who completed ({completed}).")
SATISFACTION_REQUIRED = _("Give the learners' mean satisfaction (1–5) when learners were enrolled.")
INSTITUTION_NOT_IN_COURSE = _("This institution is not part of the course.")
NOT_WAITING = _("This evaluation data is not waiting for review (its status: {status}).")
COMMENT_REQUIRED = _("Say what should change, so the partner knows what to fix.")


@transaction.atomic
def procedure_save(
    *, actor: User, course: Course, instruments: str, frequency: str, responsibilities: str
) -> EvaluationProcedure:
    """Record the lead institution's procedure for the continuous evaluation of the course."""
    procedure = EvaluationProcedure.objects.filter(course=course).first() or EvaluationProcedure(course=course)
    procedure.instruments, procedure.frequency = instruments.strip(), frequency
    procedure.responsibilities = responsibilities.strip()
    procedure.full_clean()
    attribute(procedure, actor)
    procedure.save()
    return procedure


def _save_edition(edition: Edition, actor: User) -> Edition:
    """Check an edition's dates and name, then save it, attributed to ``actor``."""
    if edition.ends_on <= edition.starts_on:
        raise ValidationError({"ends_on": END_BEFORE_START.format(start=date_format(edition.starts_on))})
    taken = Edition.objects.filter(course_id=edition.course_id, name__iexact=edition.name).exclude(pk=edition.pk)
    if taken.exists():
        raise ValidationError({"name": EDITION_NAME_TAKEN.format(name=edition.name)})
    edition.full_clean(validate_constraints=False)
    attribute(edition, actor)
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError as error:  # the same name saved at the same moment
        raise ValidationError({"name": EDITION_NAME_TAKEN.format(name=edition.name)}) from error
    return edition


@transaction.atomic
def edition_create(*, actor: User, course: Course, name: str, starts_on: date, ends_on: date) -> Edition:
    """Add a run of the course."""
    return _save_edition(Edition(course=course, name=name.strip(), starts_on=starts_on, ends_on=ends_on), actor)


@transaction.atomic
def edition_update(
    *, actor: User, edition: Edition, name: str, starts_on: date, ends_on: date, today: date | None = None
) -> Edition:
    """Rename or re-date an edition. Once evaluation data has been submitted for it, it has ended and stays so:
    data is submitted only for an edition that has ended (report_submit)."""
    today = today or timezone.localdate()
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if ends_on > today and ends_on != edition.ends_on and edition.reports.exists():
        raise ValidationError({"ends_on": END_AFTER_DATA.format(today=date_format(today))})
    edition.name, edition.starts_on, edition.ends_on = name.strip(), starts_on, ends_on
    return _save_edition(edition, actor)


def edition_delete_refusal(*, edition: Edition) -> str:
    """Why ``edition`` cannot be deleted, or "": institutions' evaluation data would go with it."""
    names = list(
        Institution.objects.filter(evaluation_reports__edition=edition)
        .order_by("short_name")
        .values_list("short_name", flat=True)
    )
    if not names:
        return ""
    return EDITION_HAS_DATA.format(edition=edition.name, institutions=prose_list(names))


@transaction.atomic
def edition_delete(*, actor: User, edition: Edition) -> None:
    """Delete an edition added by mistake: one without evaluation data, which the lead institution's quality
    assurance keeps (DOMAIN: each partner provides the data, the QA officer reviews it).

    The edition's row is locked first, as report_submit locks it: data submitted at the same moment either
    lands before the check, and the edition is kept, or waits and is then refused because the edition is gone.
    """
    locked = Edition.objects.select_for_update().filter(pk=edition.pk).first()
    if locked is None:  # deleted by someone else a moment ago: the outcome asked for
        return
    edition = locked
    refusal = edition_delete_refusal(edition=edition)
    if refusal:
        raise ValidationError(refusal)
    reminders_withdraw(subject=edition)
    attribute(edition, actor)
    edition.delete()


def _validate_counts(
    *, enrolled: int, completed: int, passed: int, mean_satisfaction: Decimal | None, dropout_reasons: str
) -> None:
    errors: dict[str, StrOrPromise] = {}
    if completed > enrolled:
        errors["completed"] = COMPLETED_OVER_ENROLLED.format(completed=completed, enrolled=enrolled)
    if passed > completed:
        errors["passed"] = PASSED_OVER_COMPLETED.format(passed=passed, completed=completed)
    if enrolled > 0 and mean_satisfaction is None:
        errors["mean_satisfaction"] = SATISFACTION_REQUIRED
    if enrolled > completed and not dropout_reasons.strip():
        missing = enrolled - completed
        errors["dropout_reasons"] = ngettext(
            "%(count)s enrolled learner did not complete: say what you know of their reasons.",
            "%(count)s enrolled learners did not complete: say what you know of their reasons.",
            missing,
        ) % {"count": missing}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def report_submit(
    *,
    actor: User,
    edition: Edition,
    institution: Institution,
    enrolled: int,
    completed: int,
    passed: int,
    mean_satisfaction: Decimal | None,
    dropout_reasons: str = "",
    remarks: str = "",
    reply: str = "",
    today: date | None = None,
) -> EvaluationReport:
    """Submit (or correct) an institution's evaluation data for an edition; it then waits for review.

    The caller has checked that ``actor`` speaks for ``institution``. After a QA officer asked for changes,
    a resubmission must answer them; accepted data is final.
    """
    today = today or timezone.localdate()
    # Lock the edition, so a deletion at the same moment cannot take this data with it (edition_delete).
    if Edition.objects.select_for_update().filter(pk=edition.pk).values_list("pk", flat=True).first() is None:
        raise ValidationError(EDITION_GONE)
    if edition.ends_on > today:
        raise ValidationError(NOT_ENDED.format(edition=edition.name, end=date_format(edition.ends_on)))
    if not Partnership.objects.filter(course_id=edition.course_id, institution=institution).exists():
        raise ValidationError(INSTITUTION_NOT_IN_COURSE)
    report = EvaluationReport.objects.select_for_update().filter(edition=edition, institution=institution).first()
    if report is not None and report.status == Status.ACCEPTED:
        raise ValidationError(ACCEPTED_FINAL)
    reply = (reply or "").strip()
    if report is not None and report.status == Status.CHANGES_REQUESTED and not reply:
        raise ValidationError({"reply": REPLY_REQUIRED})
    _validate_counts(
        enrolled=enrolled,
        completed=completed,
        passed=passed,
        mean_satisfaction=mean_satisfaction,
        dropout_reasons=dropout_reasons,
    )
    report = report or EvaluationReport(edition=edition, institution=institution)
    report.enrolled, report.completed, report.passed = enrolled, completed, passed
    report.mean_satisfaction = mean_satisfaction
    report.dropout_reasons, report.remarks = dropout_reasons.strip(), remarks.strip()
    if reply:
        report.reply = reply
    report.status = Status.SUBMITTED
    report.submitted_by, report.submitted_at = actor, timezone.now()
    report.full_clean(validate_constraints=False)
    attribute(report, actor)
    report.save()
    webhook_events.evaluation_submitted(report=report)
    return report


def _lock_waiting(report: EvaluationReport) -> EvaluationReport:
    report = EvaluationReport.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.SUBMITTED:
        raise ValidationError(NOT_WAITING.format(status=report.get_status_display()))
    return report


@transaction.atomic
def report_accept(*, actor: User, report: EvaluationReport) -> EvaluationReport:
    """The QA officer accepts the data: it becomes final and counts in the trends."""
    report = _lock_waiting(report)
    report.status = Status.ACCEPTED
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    attribute(report, actor)
    report.save()
    return report


@transaction.atomic
def report_request_changes(*, actor: User, report: EvaluationReport, comment: str) -> EvaluationReport:
    """The QA officer sends the data back with a comment the partner sees and answers."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": COMMENT_REQUIRED})
    report = _lock_waiting(report)
    report.status = Status.CHANGES_REQUESTED
    report.review_comment = comment
    report.reviewed_by, report.reviewed_at = actor, timezone.now()
    report.full_clean(validate_constraints=False)
    attribute(report, actor)
    report.save()
    return report
