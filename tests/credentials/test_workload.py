"""Notional workload: 25 to 30 hours per ECTS credit, for every number of credits a course may give."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from credentials import services
from credentials.selectors import workload_fits

credits_st = st.integers(min_value=1, max_value=120).map(lambda halves: Decimal(halves) / 2)  # 0.5 to 60 ECTS
hours_st = st.integers(min_value=1, max_value=3000)


@given(credits=credits_st, hours=hours_st)
def test_workload_fits_exactly_between_25_and_30_hours_per_credit(credits, hours):
    ratio = Fraction(hours) / Fraction(str(credits))
    assert workload_fits(credits=credits, hours=hours) == (25 <= ratio <= 30)


@given(credits=credits_st)
def test_both_ends_are_accepted_when_whole_hours(credits):
    low, high = credits * 25, credits * 30
    if low == int(low):
        assert workload_fits(credits=credits, hours=int(low))
        assert not workload_fits(credits=credits, hours=int(low) - 1) if low > 1 else True
    if high == int(high):
        assert workload_fits(credits=credits, hours=int(high))
        assert not workload_fits(credits=credits, hours=int(high) + 1)


@pytest.mark.django_db
def test_the_service_refuses_a_workload_outside_the_range_with_the_range_in_the_message(cast):
    with pytest.raises(ValidationError) as refused:
        services.profile_update(actor=cast.leader, course=cast.course, notional_hours=124)
    assert "125 to 150 hours" in refused.value.message_dict["notional_hours"][0]
    profile = services.profile_update(actor=cast.leader, course=cast.course, notional_hours=125)
    assert profile.notional_hours == 125
