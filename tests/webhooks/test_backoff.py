"""The retry backoff: never shorter than the base, never longer than the cap, never shorter for a later attempt."""

from hypothesis import given
from hypothesis import strategies as st

from webhooks.delivery import retry_delay


@given(attempts=st.integers(min_value=0, max_value=10_000), base=st.integers(1, 3600), cap=st.integers(1, 86_400))
def test_the_wait_grows_with_each_attempt_up_to_the_cap(attempts, base, cap):
    from django.conf import settings

    saved = settings.WEBHOOK_RETRY_BASE_SECONDS, settings.WEBHOOK_RETRY_MAX_SECONDS
    settings.WEBHOOK_RETRY_BASE_SECONDS, settings.WEBHOOK_RETRY_MAX_SECONDS = base, cap
    try:
        wait, following = retry_delay(attempts).total_seconds(), retry_delay(attempts + 1).total_seconds()
        assert min(base, cap) <= wait <= cap
        assert following >= wait
    finally:
        settings.WEBHOOK_RETRY_BASE_SECONDS, settings.WEBHOOK_RETRY_MAX_SECONDS = saved
