"""Benchmark data for support: a contact for every service of every institution, and a consultation in every
cell of every course's support matrix (institutions x six services), in realistic states."""

from __future__ import annotations

from datetime import timedelta

from demo.scale.teams import BATCH, ScaleContext
from support.models import Consultation, ServiceContact, ServiceKind

Status = Consultation.Status


def seed(ctx: ScaleContext) -> None:
    rng, today = ctx.rng, ctx.today
    institution_ids = sorted({i for pairs in ctx.institutions.values() for i, _ in pairs})
    ServiceContact.objects.bulk_create(
        [
            ServiceContact(institution_id=i, kind=kind, unit=f"{label} office", name="Service desk",
                           email=f"{kind}.{i}@scale.microcred.eu")
            for i in institution_ids
            for kind, label in ServiceKind.choices
        ],
        batch_size=BATCH,
    )  # fmt: skip
    rows = []
    for course_id in ctx.course_ids:
        start = ctx.course_start[course_id]
        requester = ctx.leader_user[course_id]
        for institution_id, _is_lead in ctx.institutions[course_id]:
            for kind in ServiceKind.values:
                requested = start + timedelta(days=rng.randint(0, 60))
                due = requested + timedelta(days=21)
                if requested > today:
                    rows.append(Consultation(course_id=course_id, institution_id=institution_id, kind=kind,
                                             status=Status.PLANNED))  # fmt: skip
                    continue
                held = due < today and rng.random() < 0.85
                rows.append(
                    Consultation(
                        course_id=course_id, institution_id=institution_id, kind=kind,
                        status=Status.HELD if held else Status.REQUESTED, requested_by_id=requester,
                        requested_on=requested, due_by=due, held_on=due - timedelta(days=2) if held else None,
                        outcome="Advice recorded." if held else "",
                    )
                )  # fmt: skip
    Consultation.objects.bulk_create(rows, batch_size=BATCH)
