"""Editing and deleting editions: the leader or a QA officer, as for adding one; evaluation data is never lost."""

from datetime import date, timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quality.models import Edition, EvaluationReport
from quality.services import evaluation as services
from reminders.models import Reminder
from reminders.services import reminder_sweep_create
from tests.factories.quality import make_edition, submit_report
from tests.factories.teams import add_member, add_partner
from tests.utils import WHO, queries_after_change, status_or_login

pytestmark = pytest.mark.django_db

KEEPERS_ONLY = dict(zip(WHO, ["login", 404, 403, 403, 403, 200, 200, 200], strict=True))


def url(cast, name, edition) -> str:
    return reverse(f"quality:{name}", args=[cast.course.slug, edition.pk])


def text(response) -> str:
    return unescape(response.content.decode())


def form(**values) -> dict:
    data = {"name": "Spring 2030", "starts_on": "2030-02-01", "ends_on": "2030-05-31"}
    data.update(values)
    return {f"edition-{k}": v for k, v in data.items()}


@pytest.fixture
def edition(cast) -> Edition:
    return make_edition(cast.course, name="Spring")


@pytest.fixture
def with_data(cast, partner_institution) -> Edition:
    """An ended edition with the lead's and the partner's evaluation data."""
    edition = make_edition(cast.course, name="Autumn", ended_days_ago=60)
    submit_report(edition, cast.course.lead_institution)
    submit_report(edition, partner_institution)
    return edition


# --- Who may ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["edition_edit", "edition_delete"])
def test_editing_and_deleting_pages_are_for_the_leader_and_qa_officers(cast, edition, name):
    target = url(cast, name, edition)
    assert {who: status_or_login(cast, who, "get", target) for who in WHO} == KEEPERS_ONLY


@pytest.mark.parametrize("who", WHO)
def test_who_may_delete_an_edition(cast, edition, who):
    expected = {**KEEPERS_ONLY, "qa": 302, "leader": 302, "admin": 302}[who]
    assert status_or_login(cast, who, "post", url(cast, "edition_delete", edition)) == expected
    assert Edition.objects.filter(pk=edition.pk).exists() == (expected != 302)


@pytest.mark.parametrize("who", WHO)
def test_who_may_edit_an_edition(cast, edition, who):
    expected = {**KEEPERS_ONLY, "qa": 302, "leader": 302, "admin": 302}[who]
    assert status_or_login(cast, who, "post", url(cast, "edition_edit", edition), form()) == expected
    assert Edition.objects.get(pk=edition.pk).name == ("Spring 2030" if expected == 302 else "Spring")


def test_another_courses_edition_is_not_found_through_my_course(client, cast):
    theirs = make_edition(cast.other_course, name="Theirs")
    client.force_login(cast.leader)
    for name in ("edition_edit", "edition_delete"):
        assert client.get(url(cast, name, theirs)).status_code == 404
        assert client.post(url(cast, name, theirs), form()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Theirs"


def test_the_evaluation_page_offers_edit_and_delete_to_keepers_only(client, cast, edition, with_data):
    page_url = reverse("quality:evaluation", args=[cast.course.slug])
    client.force_login(cast.qa)
    page = text(client.get(page_url))
    assert "Edit the edition Spring" in page and "Delete the edition Spring" in page
    assert "Edit the edition Autumn" in page and "Delete the edition Autumn" not in page  # it has data
    client.force_login(cast.partner)
    page = text(client.get(page_url))
    assert "Edit the edition" not in page and "Delete the edition" not in page


# --- Editing ------------------------------------------------------------------------------------------------


def test_the_leader_renames_and_re_dates_an_edition(client, cast, edition):
    client.force_login(cast.leader)
    assert 'value="Spring"' in text(client.get(url(cast, "edition_edit", edition)))
    response = client.post(url(cast, "edition_edit", edition), form())
    assert response.status_code == 302 and response.url == reverse("quality:evaluation", args=[cast.course.slug])
    edition.refresh_from_db()
    assert (edition.name, edition.starts_on, edition.ends_on) == ("Spring 2030", date(2030, 2, 1), date(2030, 5, 31))
    assert Edition.history.filter(id=edition.pk).latest("history_date").history_user == cast.leader


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "   "}, "This field is required."),
        ({"name": "x" * 101}, "Ensure this value has at most 100 characters (it has 101)."),
        ({"ends_on": "2030-02-01"}, "The edition must end after it starts (1 Feb 2030)."),
        ({"ends_on": "2030-01-15"}, "The edition must end after it starts"),
        ({"starts_on": "2030-02-30"}, "Enter a valid date."),
        ({"ends_on": ""}, "This field is required."),
        ({"name": "autumn"}, "This course already has an edition called “autumn”."),
    ],
)
def test_bad_edition_input_is_refused_at_its_field(client, cast, edition, with_data, values, message):
    client.force_login(cast.qa)
    response = client.post(url(cast, "edition_edit", edition), form(**values))
    assert response.status_code == 400 and message in text(response)
    assert "Edit the edition “Spring”" in text(response)  # the stored name, not the one refused
    stored = Edition.objects.get(pk=edition.pk)
    assert (stored.name, stored.ends_on) == ("Spring", edition.ends_on)


def test_another_courses_edition_name_is_free(client, cast, edition):
    make_edition(cast.other_course, name="Spring 2030")
    client.force_login(cast.leader)
    assert client.post(url(cast, "edition_edit", edition), form()).status_code == 302


def test_an_edition_with_data_cannot_move_its_end_after_today(client, cast, with_data):
    tomorrow = date.today() + timedelta(days=1)
    client.force_login(cast.leader)
    response = client.post(
        url(cast, "edition_edit", with_data),
        form(name="Autumn", starts_on=with_data.starts_on.isoformat(), ends_on=tomorrow.isoformat()),
    )
    assert response.status_code == 400
    assert "Evaluation data has been submitted for this edition, so it has ended: it cannot end after today" in (
        text(response)
    )
    with_data.refresh_from_db()
    assert with_data.ends_on < date.today()
    today = date.today().isoformat()  # the boundary: ending today is fine
    response = client.post(url(cast, "edition_edit", with_data), form(name="Autumn 2029", ends_on=today,
                                                                     starts_on=with_data.starts_on.isoformat()))  # fmt: skip
    assert response.status_code == 302 and Edition.objects.get(pk=with_data.pk).name == "Autumn 2029"


# --- Deleting -----------------------------------------------------------------------------------------------


def test_the_edit_form_offers_delete_only_for_an_edition_without_data(client, cast, edition, with_data):
    client.force_login(cast.leader)
    assert "Delete this edition" in text(client.get(url(cast, "edition_edit", edition)))
    page = text(client.get(url(cast, "edition_edit", with_data)))
    assert "Delete this edition" not in page and "it cannot be deleted" in page


def test_deleting_asks_first_and_a_get_deletes_nothing(client, cast, edition):
    client.force_login(cast.qa)
    page = client.get(url(cast, "edition_delete", edition))
    assert page.status_code == 200 and "Delete the edition “Spring”" in text(page) and "Delete edition" in text(page)
    assert Edition.objects.filter(pk=edition.pk).exists()
    response = client.post(url(cast, "edition_delete", edition))
    assert response.status_code == 302
    assert "Edition “Spring” deleted." in text(client.get(response.url))
    assert not Edition.objects.filter(pk=edition.pk).exists()


def test_an_edition_with_evaluation_data_is_never_deleted(client, cast, with_data, partner_institution):
    names = " and ".join(sorted([cast.course.lead_institution.short_name, partner_institution.short_name]))
    message = (
        f"“Autumn” cannot be deleted: {names} submitted evaluation data for it, and that data is kept for the "
        "course's quality assurance. Rename or re-date the edition instead."
    )
    client.force_login(cast.leader)
    page = client.get(url(cast, "edition_delete", with_data))
    assert page.status_code == 200 and message in text(page) and "Delete edition" not in text(page)
    response = client.post(url(cast, "edition_delete", with_data))
    assert response.status_code == 400 and message in text(response)
    assert Edition.objects.filter(pk=with_data.pk).exists()
    assert EvaluationReport.objects.filter(edition=with_data).count() == 2


def test_history_records_who_deleted_an_edition(client, cast, edition):
    pk = edition.pk
    client.force_login(cast.qa)
    client.post(url(cast, "edition_delete", edition))
    record = Edition.history.filter(id=pk).latest("history_date")
    assert (record.history_type, record.history_user) == ("-", cast.qa)


def test_data_cannot_be_submitted_for_an_edition_deleted_meanwhile(cast, edition, partner_institution):
    stale = Edition.objects.get(pk=edition.pk)  # the form the partner still has open
    services.edition_delete(actor=cast.leader, edition=edition)
    with pytest.raises(ValidationError, match="This edition has just been deleted"):
        submit_report(stale, partner_institution)
    assert not EvaluationReport.objects.exists()


def test_unsent_reminders_of_missing_data_are_withdrawn_with_the_edition(cast, partner_institution):
    edition = make_edition(cast.course, name="Old", ended_days_ago=40)
    reminder_sweep_create()
    missing = Reminder.objects.filter(kind="evaluation_missing", subject_id=edition.pk)
    assert missing.count() == 2  # the leader for the lead institution, the partner for theirs
    missing.filter(recipient=cast.leader).update(sent_at=edition.created_at)
    services.edition_delete(actor=cast.leader, edition=edition)
    assert list(missing.values_list("recipient", flat=True)) == [cast.leader.pk]


# --- Queries ------------------------------------------------------------------------------------------------


def _grow(cast, edition, n):
    for _ in range(n):
        institution = add_partner(cast.course)
        add_member(cast.course, "partner", institution=institution)
        submit_report(edition, institution)


def test_edit_and_delete_pages_read_in_fixed_queries(client, cast, with_data):
    client.force_login(cast.qa)
    pages = [url(cast, "edition_edit", with_data), url(cast, "edition_delete", with_data)]
    _grow(cast, with_data, 2)
    few = [queries_after_change(client, p) for p in pages]
    _grow(cast, with_data, 20)
    assert [queries_after_change(client, p) for p in pages] == few == [4, 4]
