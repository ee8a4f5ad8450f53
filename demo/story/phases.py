"""Demo phases, milestones, tasks and work logs for the demo consortium (demo.story.teams), through the services.

green-energy is in design (started about a month ago); digital-health is in development, which overruns
its plan, with a late task and an overdue milestone; ai-literacy is in implementation, its first editions
run. Idempotent: each step looks for what exists first.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from phases.dates import ONE_DAY, add_months, last_day_of
from phases.models import Milestone, Phase, Task, WorkLog
from phases.services.phase import phase_record_actual
from phases.services.plan import PlannedPhase, phase_plan_save
from phases.services.task_row import work_log_create
from phases.services.work import milestone_create, milestone_update, task_create
from teams.models import Course, Membership

Kind = Phase.Kind
Role = Membership.Role


def _members(course: Course) -> dict[str, list[Membership]]:
    """Members by role; the demo logins (partner@, learner@ ...) first, so they have work to show."""
    by_role: dict[str, list[Membership]] = {}
    members = Membership.objects.filter(course=course).select_related("user").order_by("pk")
    for m in sorted(members, key=lambda m: "." in m.user.email.split("@")[0]):
        by_role.setdefault(m.role, []).append(m)
    return by_role


def _plan(course: Course, leader, design: tuple[date, date], development_end: date) -> dict[str, Phase]:
    if not Phase.objects.filter(course=course).exists():
        development_start = design[1] + ONE_DAY
        implementation_start = development_end + ONE_DAY
        plan = [
            PlannedPhase(Kind.DESIGN, *design),
            PlannedPhase(Kind.DEVELOPMENT, development_start, development_end),
            PlannedPhase(
                Kind.IMPLEMENTATION,
                implementation_start,
                last_day_of(implementation_start, 12 * course.implementation_horizon_years),
            ),
        ]
        phase_plan_save(actor=leader, course=course, plan=plan)
    return {p.kind: p for p in Phase.objects.filter(course=course)}


def _actual(phase: Phase, leader, start: date, end: date | None, today: date) -> None:
    if phase.actual_start is None:
        # Past history: the governance demo records the gate passages that go with it.
        phase_record_actual(
            actor=leader, phase=phase, actual_start=start, actual_end=end, today=today, check_guards=False
        )


def _milestone(phase: Phase, leader, title: str, due_on: date, owner: Membership, completed_on: date | None = None):
    milestone = Milestone.objects.filter(phase=phase, title=title).first()
    if milestone is None:
        milestone = milestone_create(actor=leader, phase=phase, title=title, due_on=due_on, owner=owner)
        if completed_on:
            milestone_update(
                actor=leader, milestone=milestone, title=title, due_on=due_on, owner=owner, completed_on=completed_on
            )


def _task(phase: Phase, leader, title: str, assignees: list[Membership], due_on: date | None, **fields) -> Task:
    task = Task.objects.filter(phase=phase, title=title).first()
    if task is None:
        task = task_create(actor=leader, phase=phase, title=title, assignees=assignees, due_on=due_on, **fields)
    return task


def _logs(task: Task, entries: list[tuple[Membership, date, str, str]], today: date) -> None:
    if WorkLog.objects.filter(task=task).exists():
        return
    for member, day, hours, note in entries:
        work_log_create(actor=member.user, task=task, date=day, hours=Decimal(hours), note=note, today=today)


def _green_energy(course: Course, today: date) -> None:
    people = _members(course)
    leader, partner = people[Role.LEADER][0], people[Role.PARTNER][0]
    learner, stakeholder = people[Role.LEARNER][0], people[Role.STAKEHOLDER][0]
    start = today - timedelta(days=32)
    design_end = last_day_of(start, 4)
    phases = _plan(course, leader.user, (start, design_end), last_day_of(design_end + ONE_DAY, 7))
    design = phases[Kind.DESIGN]
    _actual(design, leader.user, start, None, today)
    _milestone(design, leader.user, "Needs analysis report shared", start + timedelta(days=45), stakeholder)
    _milestone(design, leader.user, "Learning outcomes agreed by all partners", design_end - timedelta(days=14), leader)
    needs = _task(
        design,
        leader.user,
        "Interview energy engineers on skills gaps",
        [stakeholder, partner],
        today + timedelta(days=5),
        status=Task.Status.IN_PROGRESS,
        co_creation_aspect="needs_analysis",
        description="Ten interviews with members of the association; summary of the skills they miss in graduates.",
    )
    profile = _task(
        design,
        leader.user,
        "Draft the competence profile",
        [leader, learner],
        today + timedelta(days=20),
        co_creation_aspect="competences",
        description="From the needs analysis to a competence profile; the learner representative checks it reads "
        "well for working engineers.",
    )
    _task(
        design, leader.user, "Map existing modules at the partner universities", [partner], today + timedelta(days=12)
    )
    _logs(
        needs,
        [
            (stakeholder, today - timedelta(days=6), "3", "Interviews 1–3"),
            (partner, today - timedelta(days=4), "2.5", "Interview guide and consent form"),
        ],
        today,
    )
    _logs(profile, [(learner, today - timedelta(days=2), "1.5", "Read the first draft")], today)


def _digital_health(course: Course, today: date) -> None:
    people = _members(course)
    leader, partners = people[Role.LEADER][0], people[Role.PARTNER]
    learner, stakeholder = people[Role.LEARNER][0], people[Role.STAKEHOLDER][0]
    development_end = today - timedelta(days=12)  # development overruns its plan by 12 days
    development_start = add_months(development_end + ONE_DAY, -6)
    design_end = development_start - ONE_DAY
    design_start = add_months(development_start, -3)
    phases = _plan(course, leader.user, (design_start, design_end), development_end)
    design, development = phases[Kind.DESIGN], phases[Kind.DEVELOPMENT]
    _actual(design, leader.user, design_start, design_end, today)
    _actual(development, leader.user, development_start, None, today)
    _milestone(design, leader.user, "Course structure approved", design_end - timedelta(days=10), leader, design_end)
    _milestone(development, leader.user, "Pilot module ready for review", today - timedelta(days=3), partners[0])
    _milestone(
        development, leader.user, "All micro-learning units recorded", development_end + timedelta(days=30), leader
    )
    videos = _task(
        development,
        leader.user,
        "Record the video lectures on health data standards",
        [partners[0]],
        today - timedelta(days=5),
        status=Task.Status.IN_PROGRESS,
        description="Six short lectures on HL7 FHIR and openEHR.",
    )
    outcomes = _task(
        development,
        leader.user,
        "Co-write learning outcomes with the health authority",
        [stakeholder, leader],
        today + timedelta(days=4),
        co_creation_aspect="learning_outcomes",
    )
    quiz = _task(
        development,
        leader.user,
        "Test the privacy quiz with learners",
        [learner, partners[-1]],
        today + timedelta(days=9),
    )
    _logs(
        videos,
        [
            (partners[0], today - timedelta(days=20), "4", "Lecture 1 and 2 scripts"),
            (partners[0], today - timedelta(days=13), "6", "Studio recording"),
        ],
        today,
    )
    _logs(outcomes, [(stakeholder, today - timedelta(days=3), "2", "Workshop with clinicians")], today)
    _logs(quiz, [(learner, today - timedelta(days=1), "1", "Tried the quiz on a phone")], today)


def _ai_literacy(course: Course, today: date) -> None:
    people = _members(course)
    leader, partners = people[Role.LEADER][0], people[Role.PARTNER]
    learner, stakeholder = people[Role.LEARNER][0], people[Role.STAKEHOLDER][0]
    implementation_start = add_months(today, -20)
    development_start = add_months(implementation_start, -7)
    design_start = add_months(development_start, -4)
    phases = _plan(course, leader.user, (design_start, development_start - ONE_DAY), implementation_start - ONE_DAY)
    design, development, implementation = phases[Kind.DESIGN], phases[Kind.DEVELOPMENT], phases[Kind.IMPLEMENTATION]
    _actual(design, leader.user, design_start, development_start - ONE_DAY, today)
    _actual(development, leader.user, development_start, implementation_start - ONE_DAY, today)
    _actual(implementation, leader.user, implementation_start, None, today)
    first_run = add_months(implementation_start, 5)
    _milestone(implementation, leader.user, "First edition evaluated", first_run, leader, first_run)
    _milestone(
        implementation, leader.user, "Enrolment for the next edition opens", today + timedelta(days=5), partners[0]
    )
    update = _task(
        implementation,
        leader.user,
        "Update the unit on generative AI in classrooms",
        [partners[0], learner],
        today + timedelta(days=18),
        status=Task.Status.IN_PROGRESS,
    )
    feedback = _task(
        implementation,
        leader.user,
        "Revise learning outcomes with teachers' feedback",
        [stakeholder],
        today - timedelta(days=30),
        status=Task.Status.DONE,
        co_creation_aspect="learning_outcomes",
    )
    _logs(update, [(learner, today - timedelta(days=2), "2", "Tested the new exercises with my class")], today)
    _logs(feedback, [(stakeholder, today - timedelta(days=35), "3.5", "Survey of 40 teachers")], today)


def seed(*, courses: dict[str, Course], today: date) -> None:
    """Add phases, milestones, tasks and work logs to the demo courses (idempotent)."""
    builders = {"green-energy": _green_energy, "digital-health": _digital_health, "ai-literacy": _ai_literacy}
    for key, build in builders.items():
        if key in courses:
            build(courses[key], today)
