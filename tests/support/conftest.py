import pytest

from teams.models import Membership
from tests.factories.support import contacts_for


@pytest.fixture
def partner_institution(cast):
    return Membership.objects.get(course=cast.course, user=cast.partner).institution


@pytest.fixture
def lead_institution(cast):
    return cast.course.lead_institution


@pytest.fixture
def contacts(cast, partner_institution, lead_institution):
    """Every service of both institutions has a contact."""
    return contacts_for(lead_institution) + contacts_for(partner_institution)
