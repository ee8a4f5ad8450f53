"""Fixtures shared by every test: a course with one member of each role, and a user outside it."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from teams.models import Course, Membership
from tests.factories.accounts import AdminFactory, UserFactory
from tests.factories.teams import CourseFactory, add_member, add_partner, leader_of

Role = Membership.Role


@dataclass
class Cast:
    """One course with a person in every role, plus people who must be refused."""

    course: Course
    leader: object
    partner: object
    learner: object
    stakeholder: object
    qa: object
    outsider: object  # a member of another course
    admin: object
    other_course: Course

    def user(self, who: str):
        return None if who == "anonymous" else getattr(self, who)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every run starts from an empty database. ``--reuse-db`` keeps the test database between runs, and a run
    stopped inside a transactional test (Ctrl-C, a killed job) leaves that test's committed rows behind, which
    tests of the next run then saw as their own (CI once failed on a stray course from an interrupted browser
    test)."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat between tests, cached pages must not."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language. A request leaves the language it chose active in its thread
    (Django's LocaleMiddleware and accounts.middleware do not undo it, and need not: every request chooses
    again), so a test after a German partner's request would otherwise run in German."""
    translation.deactivate()
    yield


@pytest.fixture
def cast(db) -> Cast:
    course = CourseFactory()
    partner_institution = add_partner(course)
    partner = add_member(course, Role.PARTNER, institution=partner_institution).user
    learner = add_member(course, Role.LEARNER, institution=partner_institution).user
    stakeholder = add_member(course, Role.STAKEHOLDER).user
    qa = add_member(course, Role.QA_OFFICER).user
    other_course = CourseFactory()
    outsider = add_member(other_course, Role.PARTNER).user
    return Cast(
        course=course,
        leader=leader_of(course),
        partner=partner,
        learner=learner,
        stakeholder=stakeholder,
        qa=qa,
        outsider=outsider,
        admin=AdminFactory(),
        other_course=other_course,
    )


@pytest.fixture
def user(db):
    return UserFactory()
