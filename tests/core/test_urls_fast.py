"""row_url and course_reverse give exactly the URL reverse() gives, for any row pk and course slug, and fall back
to reverse() for anything they cannot fill in."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse
from django.urls.base import set_script_prefix
from hypothesis import given, settings
from hypothesis import strategies as st

from core.urls_fast import PLACEHOLDER, SLUG_PLACEHOLDER, course_reverse, row_reverse

slugs = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?", fullmatch=True)
pks = st.integers(min_value=0, max_value=2**31 - 1)
NAMES = ["phases:task_status", "phases:work_log_add", "phases:task_edit", "phases:task_delete", "phases:task_row"]


@settings(deadline=None)  # the first call builds the URL resolver
@given(name=st.sampled_from(NAMES), slug=slugs, pk=pks)
def test_the_same_url_as_reverse_for_any_slug_and_pk(name, slug, pk):
    assert row_reverse(name, slug, pk) == reverse(name, args=[slug, pk])


def test_a_slug_that_contains_the_placeholder_digits_is_left_alone():
    slug = f"course-{PLACEHOLDER}"
    assert row_reverse("phases:task_edit", slug, 7) == f"/courses/{slug}/tasks/7/edit/"


def test_a_prefix_the_site_is_served_under_is_kept_apart():
    first = row_reverse("phases:task_edit", "c", 1)
    set_script_prefix("/microcred/")
    try:
        assert row_reverse("phases:task_edit", "c", 1) == "/microcred/courses/c/tasks/1/edit/"
    finally:
        set_script_prefix("/")
    assert row_reverse("phases:task_edit", "c", 1) == first


def test_anything_but_an_integer_pk_goes_through_reverse():
    assert row_reverse("phases:task_edit", "c", "12") == reverse("phases:task_edit", args=["c", "12"])
    with pytest.raises(NoReverseMatch):
        row_reverse("phases:task_edit", "c", None)
    with pytest.raises(NoReverseMatch):
        row_reverse("phases:task_edit", "c", -1)


def test_the_tag_escapes_like_the_url_tag():
    html = Template("{% load microcred %}{% row_url 'phases:task_row' slug pk %}").render(
        Context({"slug": "c", "pk": 5})
    )
    assert html == "/courses/c/tasks/5/"


PHASE_KINDS = st.sampled_from(["design", "development", "implementation"])


@settings(deadline=None)
@given(slug=slugs, kind=PHASE_KINDS)
def test_course_reverse_is_reverse_for_any_slug(slug, kind):
    assert course_reverse("phases:phase_detail", slug, kind=kind) == reverse(
        "phases:phase_detail", kwargs={"slug": slug, "kind": kind}
    )
    assert course_reverse("support:matrix", slug) == reverse("support:matrix", kwargs={"slug": slug})


def test_course_reverse_leaves_odd_slugs_to_reverse():
    odd = f"x-{SLUG_PLACEHOLDER}"
    assert course_reverse("support:matrix", odd) == f"/courses/{odd}/support/"
    with pytest.raises(NoReverseMatch):  # what reverse() refuses is refused, never written in place
        course_reverse("support:matrix", "not/a slug")
