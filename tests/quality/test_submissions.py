"""The QA submissions list and its CSV: scoped to courses where one submits or reviews, filtered, paginated."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from quality.models import EvaluationReport
from quality.services import evaluation as evaluation_services
from tests.factories.accounts import UserFactory
from tests.factories.quality import make_edition, submit_report
from tests.factories.teams import add_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(cast, partner_institution):
    """The partner's data waiting, the lead's accepted, and data of another course nobody in cast may see."""
    edition = make_edition(cast.course, name="Spring")
    waiting = submit_report(edition, partner_institution, enrolled=40)
    accepted = submit_report(edition, cast.course.lead_institution, enrolled=55)
    evaluation_services.report_accept(actor=cast.qa, report=accepted)
    foreign_edition = make_edition(cast.other_course, name="Foreign spring")
    foreign = submit_report(foreign_edition, cast.other_course.lead_institution, enrolled=77)
    return waiting, accepted, foreign


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_qa_officer_sees_the_courses_submissions_only(client, cast, reports):
    waiting, accepted, _ = reports
    client.force_login(cast.qa)
    page = client.get(reverse("quality:submissions")).content.decode()
    assert waiting.get_absolute_url() in page and accepted.get_absolute_url() in page
    assert "Foreign spring" not in page and cast.other_course.title not in page  # not even in the dropdowns


def test_filters_by_status_institution_course_and_edition(client, cast, reports, partner_institution):
    waiting, accepted, _ = reports
    client.force_login(cast.qa)
    url = reverse("quality:submissions")
    page = client.get(url, {"status": "accepted"}).content.decode()
    assert accepted.get_absolute_url() in page and waiting.get_absolute_url() not in page
    page = client.get(url, {"institution": partner_institution.pk}).content.decode()
    assert waiting.get_absolute_url() in page and accepted.get_absolute_url() not in page
    page = client.get(url, {"course": cast.course.pk, "edition": waiting.edition_id}).content.decode()
    assert "2 submissions" in page


def test_someone_elses_ids_in_filters_are_refused(client, cast, reports):
    _, _, foreign = reports
    client.force_login(cast.qa)
    response = client.get(reverse("quality:submissions"), {"course": cast.other_course.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    export = client.get(reverse("quality:submissions_export"), {"edition": foreign.edition_id})
    assert rows(export)[1:] == []


def test_learner_and_outsider_see_an_empty_list(client, cast, reports):
    for who in ["learner", "stakeholder"]:
        client.force_login(cast.user(who))
        page = client.get(reverse("quality:submissions")).content.decode()
        assert "No evaluation data for you to see" in page
        assert rows(client.get(reverse("quality:submissions_export"))) == [rows_header()]
    client.force_login(cast.outsider)  # a partner of the other course sees that course's data only
    page = client.get(reverse("quality:submissions")).content.decode()
    assert "Foreign spring" in page and "Spring</div>" not in page


def rows_header():
    from quality.views.submissions import CSV_COLUMNS

    return CSV_COLUMNS


def test_csv_export_follows_the_filters(client, cast, reports):
    waiting, _, _ = reports
    client.force_login(cast.qa)
    response = client.get(reverse("quality:submissions_export"), {"status": "submitted"})
    assert response["Content-Type"].startswith("text/csv")
    data = rows(response)
    assert data[0] == rows_header()
    assert [(r[4], r[5], r[13]) for r in data[1:]] == [(waiting.institution.name, "40", "Waiting for review")]
    assert data[1][8] == "75.0"  # completion rate: 30 of 40


def test_csv_defuses_spreadsheet_formulas(client, cast, partner_institution):
    report = evaluation_services.report_submit(
        actor=cast.partner, edition=make_edition(cast.course), institution=partner_institution, enrolled=1,
        completed=1, passed=1, mean_satisfaction=5, remarks="=HYPERLINK(\"http://evil\")",
    )  # fmt: skip
    client.force_login(cast.qa)
    data = rows(client.get(reverse("quality:submissions_export")))
    assert data[1][12] == "'" + report.remarks


def test_csv_defuses_formulas_in_every_text_cell_including_the_submitters_address(client, cast, partner_institution):
    attacker = UserFactory(email="=cmd|' /C calc'!A0@x.org")
    add_member(cast.course, "partner", user=attacker, institution=partner_institution)
    report = evaluation_services.report_submit(
        actor=attacker, edition=make_edition(cast.course, name="+Edition"), institution=partner_institution,
        enrolled=1, completed=1, passed=1, mean_satisfaction=5, remarks="-2+3", dropout_reasons="@SUM(A1)",
    )  # fmt: skip
    client.force_login(cast.qa)
    row = rows(client.get(reverse("quality:submissions_export")))[1]
    assert row[14] == "'" + attacker.email
    assert row[1] == "'+Edition" and row[11] == "'@SUM(A1)" and row[12] == "'-2+3"
    assert row[5] == "1"  # numbers stay numbers
    assert report.pk


def test_csv_starts_with_a_byte_order_mark_and_gives_times_in_the_sites_zone(
    client, cast, partner_institution, settings
):
    settings.TIME_ZONE = "Europe/Brussels"
    report = submit_report(make_edition(cast.course), partner_institution)
    EvaluationReport.objects.filter(pk=report.pk).update(submitted_at=datetime(2026, 7, 1, 12, 0, tzinfo=UTC))
    client.force_login(cast.qa)
    response = client.get(reverse("quality:submissions_export"))
    assert response.content.startswith("\ufeff".encode())
    assert rows(response)[1][15] == "2026-07-01 14:00:00"  # summer time in Brussels: UTC+2


def test_list_is_paginated(client, cast, partner_institution, settings):
    settings.QUALITY_SUBMISSIONS_PAGE_SIZE = 2
    for i in range(3):
        submit_report(make_edition(cast.course, name=f"E{i}", ended_days_ago=30 + i), partner_institution)
    client.force_login(cast.qa)
    page = client.get(reverse("quality:submissions"), {"status": "submitted"}).content.decode()
    assert "page 1 of 2" in page and "status=submitted&amp;page=2" in page
    page2 = client.get(reverse("quality:submissions"), {"status": "submitted", "page": 2}).content.decode()
    assert "page 2 of 2" in page2
    assert client.get(reverse("quality:submissions"), {"page": "999"}).status_code == 200


def test_new_qa_officer_of_a_course_sees_it(client, cast, reports):
    officer = add_member(cast.course, "qa_officer").user
    client.force_login(officer)
    assert "2 submissions" in client.get(reverse("quality:submissions")).content.decode()
