import pytest

from teams.models import Institution


@pytest.fixture
def partner_institution(cast) -> Institution:
    """The institution the cast's partner representative speaks for."""
    return cast.partner.memberships.get(course=cast.course).institution
