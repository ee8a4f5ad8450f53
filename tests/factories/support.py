"""Support graphs: contacts, consultations in any state, task force members, phases to anchor reminders."""

from datetime import date

import factory

from phases.models import Phase
from support.models import Consultation, ServiceContact, ServiceKind, TaskForceMember
from teams.models import Course
from tests.factories.accounts import UserFactory
from tests.factories.teams import InstitutionFactory


class ServiceContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceContact

    institution = factory.SubFactory(InstitutionFactory)
    kind = ServiceKind.INTERNATIONALISATION
    unit = factory.Sequence(lambda n: f"Office {n}")
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"office{n}@uni.example.org")


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation written directly (for states a test needs); the request flow is tested via the service."""

    class Meta:
        model = Consultation

    kind = ServiceKind.INTERNATIONALISATION
    status = Consultation.Status.REQUESTED
    requested_on = factory.LazyFunction(date.today)
    due_by = factory.LazyAttribute(lambda o: o.requested_on)

    @factory.lazy_attribute
    def institution(self):
        return self.course.lead_institution


class TaskForceMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskForceMember

    kind = ServiceKind.PROGRAMME_ADMINISTRATION
    user = factory.SubFactory(UserFactory)

    @factory.lazy_attribute
    def institution(self):
        return self.course.lead_institution


def contacts_for(institution, kinds=None) -> list[ServiceContact]:
    return [ServiceContactFactory(institution=institution, kind=k) for k in (kinds or ServiceKind.values)]


def phase(course: Course, kind: str, start: date, end: date, actual_start: date | None = None) -> Phase:
    """A phase row, written through the ORM (the phases app owns the services that plan phases)."""
    return Phase.objects.create(
        course=course, kind=kind, planned_start=start, planned_end=end, actual_start=actual_start
    )
