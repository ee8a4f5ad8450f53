import pytest

from tests.webhooks.receiver import receiver as make_receiver


@pytest.fixture
def receiver():
    with make_receiver() as state:
        yield state
