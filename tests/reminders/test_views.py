"""The bell, the reminders list, marking read (htmx), opening the item; only one's own reminders."""

import pytest
from django.urls import reverse

from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from tests.utils import expect, matrix

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_bell_links_to_the_list_with_the_unread_count(client, cast, due_work):
    reminder_sweep_create()
    client.force_login(cast.partner)
    body = client.get(reverse("phases:my_tasks")).content.decode()
    assert f'href="{reverse("reminders:list")}"' in body and "Reminders: 2 unread" in body


def test_the_bell_count_follows_new_and_read_reminders_across_pages(client, cast, due_work):
    """The count is kept in the cache between pages; a sweep and each way of reading must refresh it."""
    client.force_login(cast.partner)
    page = reverse("phases:my_tasks")
    assert "Reminders: none unread" in client.get(page).content.decode()
    reminder_sweep_create()
    assert "Reminders: 2 unread" in client.get(page).content.decode()
    client.post(reverse("reminders:read", args=[Reminder.objects.filter(recipient=cast.partner).first().pk]))
    assert "Reminders: 1 unread" in client.get(page).content.decode()
    client.post(reverse("reminders:read_all"))
    assert "Reminders: none unread" in client.get(page).content.decode()
    gone = Reminder.objects.filter(recipient=cast.partner).first()
    gone.delete()  # e.g. its course was deleted
    Reminder.objects.create(
        recipient=cast.partner,
        kind=gone.kind,
        subject_type=gone.subject_type,
        subject_id=gone.subject_id,
        occasion="another occasion",
        title="t",
        url="/",
    )
    assert "Reminders: 1 unread" in client.get(page).content.decode()


def test_marking_one_read_swaps_the_row_and_updates_the_bell(client, cast, due_work):
    reminder_sweep_create()
    reminder = Reminder.objects.filter(recipient=cast.partner).first()
    client.force_login(cast.partner)
    response = client.post(reverse("reminders:read", args=[reminder.pk]), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="reminder-{reminder.pk}"' in body and 'hx-swap-oob="true"' in body and "Reminders: 1 unread" in body
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_marking_one_read_updates_the_lists_unread_pill_out_of_band(client, cast, due_work):
    reminder_sweep_create()
    first, second = Reminder.objects.filter(recipient=cast.partner)
    client.force_login(cast.partner)
    page = client.get(reverse("reminders:list")).content.decode()
    assert '<span id="reminder-unread-count"> (2)</span>' in page and "Mark all as read" in page

    body = client.post(reverse("reminders:read", args=[first.pk]), **HTMX).content.decode()
    assert '<span id="reminder-unread-count" hx-swap-oob="true"> (1)</span>' in body
    assert '<div id="reminder-read-all" hx-swap-oob="true">' in body and "Mark all as read" in body

    body = client.post(reverse("reminders:read", args=[second.pk]), **HTMX).content.decode()
    assert '<span id="reminder-unread-count" hx-swap-oob="true"></span>' in body  # "Unread", no count
    assert "Mark all as read" not in body  # nothing left to mark
    assert "Reminders: none unread" in body


def test_marking_all_read_through_htmx_answers_the_page_without_unread_count(client, cast, due_work):
    reminder_sweep_create()
    client.force_login(cast.partner)
    response = client.post(reverse("reminders:read_all"), **HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and response["HX-Push-Url"] == "false"
    assert '<span id="reminder-unread-count"></span>' in body and "Reminders: none unread" in body
    assert "Mark all as read" not in body


def test_marking_all_read_keeps_the_unread_only_filter(client, cast, due_work):
    reminder_sweep_create()
    client.force_login(cast.partner)
    page = client.get(reverse("reminders:list"), {"unread": "1"}).content.decode()
    assert f'hx-post="{reverse("reminders:read_all")}?unread=1"' in page
    body = client.post(reverse("reminders:read_all") + "?unread=1", **HTMX).content.decode()
    assert "Nothing unread" in body
    assert client.post(reverse("reminders:read_all") + "?unread=1").url == reverse("reminders:list") + "?unread=1"


def test_marking_one_read_on_the_unread_list_keeps_its_filter_for_mark_all(client, cast, due_work):
    reminder_sweep_create()
    reminder = Reminder.objects.filter(recipient=cast.partner).first()
    client.force_login(cast.partner)
    current = "http://testserver" + reverse("reminders:list") + "?unread=1"
    body = client.post(reverse("reminders:read", args=[reminder.pk]), HTTP_HX_CURRENT_URL=current, **HTMX)
    assert f'hx-post="{reverse("reminders:read_all")}?unread=1"' in body.content.decode()


def test_mark_all_read(client, cast, due_work):
    reminder_sweep_create()
    client.force_login(cast.partner)
    response = client.post(reverse("reminders:read_all"))
    assert response.status_code == 302
    assert not Reminder.objects.filter(recipient=cast.partner, read_at__isnull=True).exists()
    assert Reminder.objects.filter(recipient=cast.leader, read_at__isnull=True).exists()  # only mine


def test_opening_a_reminder_marks_it_read_and_goes_to_the_item(client, cast, due_work):
    reminder_sweep_create()
    reminder = Reminder.objects.get(recipient=cast.learner)
    client.force_login(cast.learner)
    response = client.get(reverse("reminders:open", args=[reminder.pk]))
    assert response.status_code == 302 and response.url == reminder.url
    assert client.get(response.url).status_code == 200
    reminder.refresh_from_db()
    assert reminder.read_at is not None


def test_someone_elses_reminder_is_a_404(cast, due_work):
    reminder_sweep_create()
    theirs = Reminder.objects.filter(recipient=cast.leader).first()
    url = reverse("reminders:read", args=[theirs.pk])
    assert matrix(cast, "post", url) == expect(302, 404, 404, 404, 404, 404, 302, 404)


def test_the_list_needs_a_login(cast):
    assert matrix(cast, "get", reverse("reminders:list")) == expect(302, 200, 200, 200, 200, 200, 200, 200)


@pytest.mark.parametrize("n", [2, 40])
def test_list_query_count_is_fixed(client, cast, django_assert_num_queries, n):
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Reminder)
    Reminder.objects.bulk_create(
        Reminder(
            recipient=cast.partner,
            kind="task_due",
            subject_type=ct,
            subject_id=i,
            occasion="x",
            course=cast.course,
            title=f"Reminder {i}",
            url="/",
        )
        for i in range(n)
    )
    client.force_login(cast.partner)
    with django_assert_num_queries(5):
        assert client.get(reverse("reminders:list")).status_code == 200
