import pytest

from tests.factories.credentials import complete_profile


@pytest.fixture
def complete(cast):
    """The cast's course with every mandatory element filled in (lead and one partner, joint award)."""
    complete_profile(cast.course)
    cast.course.refresh_from_db()
    return cast.course
