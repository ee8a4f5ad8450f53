"""Calendar feeds: parsed with the icalendar library; secret addresses; who gets what; nothing from elsewhere."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from calendars.models import CalendarFeed
from calendars.services import calendar_feed_get_or_create, calendar_feed_regenerate
from digests.models import NoticeSettings
from phases import services as phase_services
from support.models import ServiceKind
from teams import services as team_services
from tests.factories.phases import add_milestone, add_task, member, running_design
from tests.factories.quality import make_edition
from tests.factories.support import ConsultationFactory
from tests.utils import expect, matrix, status_or_login

TODAY = timezone.localdate()


def fetch(client, feed: CalendarFeed) -> Calendar:
    response = client.get(feed.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def dated(cast):
    design = running_design(cast.course, TODAY)
    mine = add_task(design, title="Draft the syllabus", assignees=[member(cast.course, cast.partner)],
                    due_on=TODAY + timedelta(days=5))  # fmt: skip
    add_task(design, title="Learner's task", assignees=[member(cast.course, cast.learner)], due_on=TODAY)
    milestone = add_milestone(design, owner=member(cast.course, cast.partner), due_on=TODAY + timedelta(days=9),
                              title="Outcomes agreed")  # fmt: skip
    ConsultationFactory(course=cast.course, kind=ServiceKind.LEGAL, requested_by=cast.partner,
                        requested_on=TODAY, due_by=TODAY + timedelta(days=12))  # fmt: skip
    make_edition(cast.course, name="Spring", ended_days_ago=3)
    other = running_design(cast.other_course, TODAY)
    add_task(other, title="Other course task", assignees=[member(cast.other_course, cast.outsider)], due_on=TODAY)
    return {"design": design, "task": mine, "milestone": milestone}


def test_personal_feed_holds_what_concerns_the_person_as_valid_all_day_events(client, cast, dated):
    cal = fetch(client, calendar_feed_get_or_create(user=cast.partner))
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//microcred")
    found = events(cal)
    title = cast.course.title
    assert f"Task due: Draft the syllabus · {title}" in found
    assert f"Milestone: Outcomes agreed · {title}" in found
    assert f"Design · {title}" in found
    assert any(s.startswith("Consultation due: Legal services") for s in found)
    assert f"Evaluation data due: Spring · {title}" in found
    assert not any("Learner's task" in s or "Other course" in s for s in found)
    task = found[f"Task due: Draft the syllabus · {title}"]
    assert task.decoded("DTSTART") == TODAY + timedelta(days=5)  # a date, not a moment
    assert task.decoded("DTEND") == TODAY + timedelta(days=6)  # exclusive end
    assert task.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert str(task["UID"]) == f"task-{dated['task'].pk}@testserver" or str(task["UID"]).startswith(
        f"task-{dated['task'].pk}@"
    )
    assert str(task["URL"]).endswith(f"#task-{dated['task'].pk}")


def test_uids_stay_and_sequence_grows_when_an_event_changes(client, cast, dated):
    feed = calendar_feed_get_or_create(user=cast.partner)
    key = f"Milestone: Outcomes agreed · {cast.course.title}"
    before = events(fetch(client, feed))[key]
    milestone = dated["milestone"]
    type(milestone).objects.filter(pk=milestone.pk).update(created_at=milestone.created_at - timedelta(seconds=5))
    milestone.refresh_from_db()
    phase_services.milestone_update(actor=cast.leader, milestone=milestone, title=milestone.title,
                                    due_on=TODAY + timedelta(days=10), owner=milestone.owner, completed_on=None)  # fmt: skip
    after = events(fetch(client, feed))[key]
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == TODAY + timedelta(days=10)


def test_course_feed_has_phases_milestones_consultations_and_evaluation_deadlines(client, cast, dated):
    found = events(fetch(client, calendar_feed_get_or_create(user=cast.learner, course=cast.course)))
    kinds = {s.split(":")[0].split(" · ")[0] for s in found}
    assert {"Milestone", "Consultation due", "Evaluation data due", "Design"} <= kinds
    assert not any(s.startswith("Task due") for s in found)


def test_an_archived_course_leaves_the_personal_feed_and_its_own_feed_keeps_only_its_phases_marked(client, cast, dated):
    from teams.archive import course_archive

    personal = calendar_feed_get_or_create(user=cast.partner)
    course_feed = calendar_feed_get_or_create(user=cast.partner, course=cast.course)
    title = cast.course.title
    assert f"Task due: Draft the syllabus · {title}" in events(fetch(client, personal))
    course_archive(actor=cast.leader, course=cast.course)
    assert not [s for s in events(fetch(client, personal)) if title in s]  # nothing is due in an archived course
    found = events(fetch(client, course_feed))
    assert f"Design · {title} (archived course)" in found  # when it ran, marked
    assert all(s.endswith(f"· {title} (archived course)") for s in found), found  # and no deadline


def test_the_calendar_names_the_persons_time_zone(client, cast, dated):
    NoticeSettings.objects.create(user=cast.partner, time_zone="Europe/Warsaw")
    cal = fetch(client, calendar_feed_get_or_create(user=cast.partner))
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Warsaw"


def test_feeds_are_written_in_the_owners_language_whatever_the_fetcher_asks(client, cast, dated):
    # A calendar application fetches without a session; its Accept-Language says nothing about the person.
    cast.partner.preferred_language = "de"
    cast.partner.save(update_fields=["preferred_language"])
    title = cast.course.title
    for feed in (
        calendar_feed_get_or_create(user=cast.partner),
        calendar_feed_get_or_create(user=cast.partner, course=cast.course),
    ):
        response = client.get(feed.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
        found = events(Calendar.from_ical(response.content))
        assert f"Konzeption · {title}" in found and f"Conception · {title}" not in found
    # Someone who has not chosen gets the site's language, not the fetcher's.
    feed = calendar_feed_get_or_create(user=cast.learner, course=cast.course)
    english = events(Calendar.from_ical(client.get(feed.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content))
    assert f"Design · {title}" in english


def test_a_regenerated_address_stops_the_old_one_at_once(client, cast, dated):
    feed = calendar_feed_get_or_create(user=cast.partner)
    old = feed.get_absolute_url()
    new = calendar_feed_regenerate(user=cast.partner).get_absolute_url()
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_feed_stops_when_the_person_leaves_the_course_or_is_deactivated(client, cast, dated):
    course_feed = calendar_feed_get_or_create(user=cast.stakeholder, course=cast.course)
    personal = calendar_feed_get_or_create(user=cast.stakeholder)
    assert cast.course.title in client.get(personal.get_absolute_url()).content.decode()  # the design phase
    team_services.membership_remove(actor=cast.leader, membership=member(cast.course, cast.stakeholder))
    assert client.get(course_feed.get_absolute_url()).status_code == 404
    assert cast.course.title not in client.get(personal.get_absolute_url()).content.decode()
    cast.qa.is_active = False
    cast.qa.save()
    assert client.get(calendar_feed_get_or_create(user=cast.qa).get_absolute_url()).status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 65, "%00", "..%2F..%2Fetc"])
def test_unknown_or_odd_tokens_are_404(client, db, token):
    assert client.get(f"/calendars/feed/{token}.ics").status_code == 404


def test_the_calendar_page_and_address_permissions(client, cast):
    assert matrix(cast, "get", reverse("calendars:page")) == expect(302, 200, 200, 200, 200, 200, 200, 200)
    assert status_or_login(cast, "anonymous", "get", reverse("calendars:page")) == "login"
    url = reverse("calendars:course_address", kwargs={"slug": cast.course.slug})
    assert matrix(cast, "post", url) == expect(302, 404, 302, 302, 302, 302, 302, 302)
    assert CalendarFeed.objects.filter(course=cast.course, user=cast.learner).exists()
    assert not CalendarFeed.objects.filter(user=cast.outsider, course=cast.course).exists()
    assert client.post(reverse("calendars:course_address", kwargs={"slug": "no-such"})).status_code == 302  # login
    client.force_login(cast.partner)
    assert client.post(reverse("calendars:course_address", kwargs={"slug": "no-such"})).status_code == 404


def test_the_page_shows_the_address_and_a_new_one_replaces_it(client, cast):
    client.force_login(cast.partner)
    client.post(reverse("calendars:personal_address"))
    feed = CalendarFeed.objects.get(user=cast.partner, course=None)
    assert feed.token in client.get(reverse("calendars:page")).content.decode()
    client.post(reverse("calendars:personal_address"), {"regenerate": "1"})
    body = client.get(reverse("calendars:page")).content.decode()
    assert feed.token not in body and CalendarFeed.objects.get(pk=feed.pk).token in body


@pytest.mark.parametrize("n", [2, 25])
def test_feed_query_counts_do_not_grow_with_rows(client, cast, django_assert_num_queries, n):
    design = running_design(cast.course, TODAY)
    mine = member(cast.course, cast.partner)
    for i in range(n):
        add_task(design, title=f"T{i}", assignees=[mine], due_on=TODAY + timedelta(days=i % 30))
        add_milestone(design, owner=mine, due_on=TODAY + timedelta(days=i % 30), title=f"M{i}")
    personal = calendar_feed_get_or_create(user=cast.partner)
    course = calendar_feed_get_or_create(user=cast.partner, course=cast.course)
    client.get(personal.get_absolute_url())
    with django_assert_num_queries(11):
        client.get(personal.get_absolute_url())
    with django_assert_num_queries(7):
        client.get(course.get_absolute_url())


def test_dates_at_calendar_ends_are_written(client, cast):
    from tests.factories.support import phase

    phase(cast.course, "design", date(1, 1, 1), date(9999, 12, 30))
    feed = calendar_feed_get_or_create(user=cast.leader, course=cast.course)
    found = events(fetch(client, feed))
    design = found[f"Design · {cast.course.title}"]
    assert design.decoded("DTSTART") == date(1, 1, 1) and design.decoded("DTEND") == date(9999, 12, 31)
