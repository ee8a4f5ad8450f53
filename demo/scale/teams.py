"""A consortium-scale data set for benchmarks, built fast with bulk inserts (no services, no history rows).

Not for demos: the rows are plausible but the text is generated. The other apps add their part in demo/scale/<app>.py with
``seed(ctx: ScaleContext) -> None``; teams' part runs first and fills the context they build on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission

from accounts.models import User
from teams.models import (
    Course,
    CourseUserObjectPermission,
    Faculty,
    Institution,
    Membership,
    Network,
    Partnership,
    StakeholderOrganisation,
)
from teams.permissions import ROLE_PERMISSIONS

Role = Membership.Role
BATCH = 5000
COUNTRIES = ["AT", "BE", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LV", "NL",
             "PL", "PT", "RO", "SE", "SI", "SK", "BG", "CY", "LU", "MT"]  # fmt: skip
SCALE_PASSWORD = "scale-password-2026"


@dataclass
class ScaleContext:
    """What the teams part created, for the other apps' parts: ids only, to keep memory small."""

    today: date
    rng: random.Random
    course_ids: list[int] = field(default_factory=list)
    course_start: dict[int, date] = field(default_factory=dict)
    # course id -> [(membership id, role, institution id)]
    members: dict[int, list[tuple[int, str, int | None]]] = field(default_factory=dict)
    # course id -> [(institution id, is_lead)]
    institutions: dict[int, list[tuple[int, bool]]] = field(default_factory=dict)
    leader_user: dict[int, int] = field(default_factory=dict)


def seed(*, courses: int, institutions: int, members_per_course: int, today: date, seed: int = 2026) -> ScaleContext:
    """Create institutions, users, ``courses`` courses with partnerships, memberships and their permissions."""
    rng = random.Random(seed)
    ctx = ScaleContext(today=today, rng=rng)
    networks = Network.objects.bulk_create(
        [Network(name=f"Scale Alliance {i}", kind=Network.Kind.EUI_ALLIANCE) for i in range(6)]
    )
    insts = Institution.objects.bulk_create(
        [
            Institution(name=f"Scale University {i}", short_name=f"SU{i}", country=COUNTRIES[i % len(COUNTRIES)])
            for i in range(institutions)
        ]
    )
    through = Institution.networks.through
    through.objects.bulk_create(
        [through(institution_id=inst.pk, network_id=networks[i % len(networks)].pk) for i, inst in enumerate(insts)]
    )
    faculties = Faculty.objects.bulk_create(
        [Faculty(institution=inst, name=f"Faculty {k}") for inst in insts for k in range(2)]
    )
    faculty_of = {f.institution_id: f.pk for f in faculties}
    orgs = StakeholderOrganisation.objects.bulk_create(
        [StakeholderOrganisation(name=f"Scale Organisation {i}", kind="professional") for i in range(30)]
    )
    # A pool of staff per institution; people sit in several courses, as real staff do.
    password = make_password(SCALE_PASSWORD)
    staff_per_institution = max(30, courses * members_per_course // institutions // 2)
    users = User.objects.bulk_create(
        [
            User(email=f"s{i}.{k}@scale.microcred.eu", password=password, first_name="Staff", last_name=f"{i}-{k}",
                 home_institution_id=inst.pk)
            for i, inst in enumerate(insts)
            for k in range(staff_per_institution)
        ],
        batch_size=BATCH,
    )  # fmt: skip
    pool: dict[int | None, list[int]] = {}
    for user in users:
        pool.setdefault(user.home_institution_id, []).append(user.pk)
    externals = User.objects.bulk_create(
        [User(email=f"ext{i}@scale.microcred.eu", password=password, last_name=f"Ext {i}") for i in range(200)]
    )

    course_rows = []
    for n in range(courses):
        start = date.fromordinal(today.toordinal() - rng.randint(-180, 3 * 365))
        course_rows.append(
            Course(
                title=f"Scale Course {n}", slug=f"scale-{n}", lead_institution_id=insts[rng.randrange(len(insts))].pk,
                ects_credits=Decimal(rng.choice(["2", "3", "4", "5", "6"])), eqf_level=rng.randint(5, 7),
                languages=["en"], implementation_horizon_years=rng.randint(2, 5),
            )
        )  # fmt: skip
        ctx.course_start[n] = start
    created = Course.objects.bulk_create(course_rows, batch_size=BATCH)
    ctx.course_start = {c.pk: ctx.course_start[i] for i, c in enumerate(created)}
    ctx.course_ids = [c.pk for c in created]

    partnerships, memberships = [], []
    for course in created:
        partners = rng.sample([i.pk for i in insts if i.pk != course.lead_institution_id], 3)
        ctx.institutions[course.pk] = [(course.lead_institution_id, True)] + [(p, False) for p in partners]
        for inst_id, is_lead in ctx.institutions[course.pk]:
            partnerships.append(
                Partnership(course_id=course.pk, institution_id=inst_id, role="lead" if is_lead else "partner",
                            faculty_id=faculty_of[inst_id], educational_support=True,
                            technological_support=rng.random() < 0.8, organisational_support=rng.random() < 0.6)
            )  # fmt: skip
        lead_people = rng.sample(pool[course.lead_institution_id], 3)
        plan: list[tuple[str, int | None, int]] = [(Role.LEADER, course.lead_institution_id, lead_people[0]),
                (Role.QA_OFFICER, course.lead_institution_id, lead_people[1])]  # fmt: skip
        for external in rng.sample(externals, 2):
            plan.append((Role.STAKEHOLDER, None, external.pk))
        chosen = {p for _, _, p in plan}
        while len(plan) < members_per_course:
            inst_id = partners[len(plan) % 3]
            person = rng.choice(pool[inst_id])
            if person in chosen:
                continue
            chosen.add(person)
            plan.append((Role.LEARNER if len(plan) % 7 == 0 else Role.PARTNER, inst_id, person))
        for role, seat_institution_id, person in plan:
            memberships.append(
                Membership(course_id=course.pk, user_id=person, role=role, institution_id=seat_institution_id,
                           organisation_id=orgs[person % len(orgs)].pk if role == Role.STAKEHOLDER else None,
                           co_creation_aspects=["needs_analysis"] if role == Role.STAKEHOLDER else [])
            )  # fmt: skip
    Partnership.objects.bulk_create(partnerships, batch_size=BATCH)
    Membership.objects.bulk_create(memberships, batch_size=BATCH)

    perm_ids = dict(Permission.objects.filter(content_type__app_label="teams").values_list("codename", "id"))
    grants: list[CourseUserObjectPermission] = []
    for m in memberships:
        ctx.members.setdefault(m.course_id, []).append((m.pk, m.role, m.institution_id))
        if m.role == Role.LEADER:
            ctx.leader_user[m.course_id] = m.user_id
        grants.extend(
            CourseUserObjectPermission(user_id=m.user_id, content_object_id=m.course_id, permission_id=perm_ids[c])
            for c in ROLE_PERMISSIONS[m.role]
        )
    CourseUserObjectPermission.objects.bulk_create(grants, batch_size=BATCH)
    return ctx
