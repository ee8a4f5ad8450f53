"""Benchmark data for quality: three editions per course; each edition that has ended has every institution's
evaluation data (most accepted, some waiting for review or sent back)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from demo.scale.teams import BATCH, ScaleContext
from quality.models import Edition, EvaluationReport

EDITIONS = 3


def seed(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    editions = []
    for course_id in ctx.course_ids:
        first = ctx.course_start[course_id] + timedelta(days=310)
        for n in range(EDITIONS):
            starts = first + timedelta(days=120 * n)
            editions.append(
                Edition(course_id=course_id, name=f"Edition {n + 1}", starts_on=starts,
                        ends_on=starts + timedelta(days=60))
            )  # fmt: skip
    Edition.objects.bulk_create(editions, batch_size=BATCH)
    reports = []
    statuses = [EvaluationReport.Status.ACCEPTED] * 8 + [
        EvaluationReport.Status.SUBMITTED,
        EvaluationReport.Status.CHANGES_REQUESTED,
    ]
    for edition in editions:
        if edition.ends_on + timedelta(days=7) > today:
            continue
        submitted_at = timezone.make_aware(datetime.combine(edition.ends_on + timedelta(days=7), time(10)))
        for institution_id, _is_lead in ctx.institutions[edition.course_id]:
            enrolled = rng.randint(10, 60)
            completed = rng.randint(enrolled // 2, enrolled)
            reports.append(
                EvaluationReport(
                    edition_id=edition.pk, institution_id=institution_id, enrolled=enrolled, completed=completed,
                    passed=rng.randint(completed * 2 // 3, completed),
                    mean_satisfaction=Decimal(rng.randint(30, 50)) / 10, dropout_reasons="Workload.",
                    status=rng.choice(statuses), submitted_by_id=ctx.leader_user[edition.course_id],
                    submitted_at=submitted_at,
                )
            )  # fmt: skip
    EvaluationReport.objects.bulk_create(reports, batch_size=BATCH)
