import pytest

from teams.models import Affiliation, InstitutionRole, Membership
from tests.factories.support import contacts_for
from tests.factories.teams import verified


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


@pytest.fixture
def contact_keepers(cast, partner_institution, lead_institution):
    """Who keeps each institution's contacts: the partner at theirs, the QA officer at the lead institution.

    The learner representative is a verified student of the partner institution and even holds the role (as if
    granted by mistake): a student never keeps contacts. The leader is verified staff but holds no such role.
    """
    keeper = InstitutionRole.Role.CONTACT_KEEPER
    verified(cast.partner, partner_institution, Affiliation.Kind.STAFF, keeper)
    verified(cast.qa, lead_institution, Affiliation.Kind.STAFF, keeper)
    verified(cast.learner, partner_institution, Affiliation.Kind.STUDENT, keeper)
