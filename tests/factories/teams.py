"""Team graphs built through the real services, so permissions are granted as in production."""

from decimal import Decimal

import factory

from teams import services
from teams.models import (
    Affiliation,
    Course,
    Faculty,
    Institution,
    InstitutionDomain,
    InstitutionRole,
    Membership,
    Network,
    StakeholderOrganisation,
)
from tests.factories.accounts import UserFactory

Role = Membership.Role


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Alliance {n}")
    kind = Network.Kind.EUI_ALLIANCE


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"University {n}")
    short_name = factory.Sequence(lambda n: f"U{n}")
    country = factory.Iterator(["DE", "FR", "NL", "IT", "ES", "PL", "SE", "PT"])


class FacultyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Faculty

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Faculty of Studies {n}")


class StakeholderOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderOrganisation

    name = factory.Sequence(lambda n: f"Chamber of Engineers {n}")
    kind = StakeholderOrganisation.Kind.PROFESSIONAL


class CourseFactory(factory.Factory):
    """A course created by ``leader`` (a new user of a new lead institution by default) via course_create."""

    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Sustainable Energy Systems {n}")
    ects_credits = Decimal("5")
    eqf_level = 6
    languages = ["en"]
    leader = factory.LazyFunction(lambda: course_starter())

    @classmethod
    def _create(cls, model_class, leader, **kwargs):
        return services.course_create(actor=leader, **kwargs)


class InstitutionDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionDomain

    institution = factory.SubFactory(InstitutionFactory)
    domain = factory.Sequence(lambda n: f"uni{n}.example.eu")


def verified(user, institution: Institution, kind: str = Affiliation.Kind.STAFF, *roles: str):
    """Record ``user``'s affiliation as an admin would, and give them ``roles`` at ``institution``."""
    services.record_affiliation(user=user, institution=institution, kind=kind, method=Affiliation.Method.ADMIN)
    for role in roles:
        InstitutionRole.objects.get_or_create(user=user, institution=institution, role=role)
    return user


def course_starter(institution: Institution | None = None, *, user=None, role=InstitutionRole.Role.COURSE_STARTER):
    """A verified staff member whom ``institution`` (a new one by default) lets start courses."""
    institution = institution or InstitutionFactory()
    return verified(user or UserFactory(), institution, Affiliation.Kind.STAFF, role)


def add_partner(course: Course, institution: Institution | None = None) -> Institution:
    """Add a partner institution to ``course`` through the service."""
    institution = institution or InstitutionFactory()
    services.partnership_add(actor=leader_of(course), course=course, institution=institution)
    return institution


def leader_of(course: Course):
    return Membership.objects.select_related("user").get(course=course, role=Role.LEADER).user


def add_member(
    course: Course,
    role: str,
    *,
    institution: Institution | None = None,
    user=None,
    organisation: StakeholderOrganisation | None = None,
    aspects: list[str] | None = None,
) -> Membership:
    """Add a member with ``role`` through membership_add; picks a valid institution when none is given."""
    if role == Role.STAKEHOLDER:
        organisation = organisation or StakeholderOrganisationFactory()
        aspects = aspects or ["needs_analysis"]
    elif institution is None:
        if role in (Role.QA_OFFICER,):
            institution = course.lead_institution
        elif role == Role.PARTNER:
            institution = add_partner(course)
        else:
            institution = course.lead_institution
    user = user or UserFactory(home_institution=institution)
    return services.membership_add(
        actor=leader_of(course),
        course=course,
        email=user.email,
        role=role,
        institution=institution,
        organisation=organisation,
        co_creation_aspects=aspects or [],
    )
