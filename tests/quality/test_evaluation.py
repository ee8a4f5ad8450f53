"""Evaluation data: validated at each field, submitted by the institution's own representative, reviewed by QA."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quality.models import EvaluationReport
from quality.services import evaluation as services
from tests.factories.quality import make_edition, submit_report

pytestmark = pytest.mark.django_db
Status = EvaluationReport.Status


def form(**values):
    data = {"enrolled": 40, "completed": 30, "passed": 25, "mean_satisfaction": "4.2", "dropout_reasons": "Jobs."}
    data.update(values)
    return {f"report-{k}": v for k, v in data.items() if v is not None}


@pytest.fixture
def submit_url(cast):
    edition = make_edition(cast.course)
    return reverse("quality:report_submit", args=[cast.course.slug, edition.pk])


@pytest.mark.parametrize(
    ("values", "field_message"),
    [
        ({"completed": 41}, "Learners who completed (41) cannot be more than learners enrolled (40)."),
        ({"passed": 31}, "Learners who passed (31) cannot be more than learners who completed (30)."),
        ({"mean_satisfaction": "0.99"}, "Ensure this value is greater than or equal to 1."),
        ({"mean_satisfaction": "5.01"}, "Ensure this value is less than or equal to 5."),
        ({"mean_satisfaction": None}, services.SATISFACTION_REQUIRED),
        ({"dropout_reasons": ""}, "10 enrolled learners did not complete: say what you know of their reasons."),
        ({"enrolled": -1}, "Ensure this value is greater than or equal to 0."),
        ({"enrolled": "many"}, "Enter a whole number."),
        ({"enrolled": 100_001}, "Ensure this value is less than or equal to 100000."),
        ({"remarks": "x" * 3001}, "Ensure this value has at most 3000 characters (it has 3001)."),
        ({"enrolled": None}, "This field is required."),
    ],
)
def test_bad_evaluation_data_is_refused_at_its_field(client, cast, submit_url, values, field_message):
    client.force_login(cast.partner)
    response = client.post(submit_url, form(**values))
    assert response.status_code == 400
    page = response.content.decode().replace("&#x27;", "'")
    assert str(field_message) in page
    assert not EvaluationReport.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"enrolled": 30, "completed": 30, "passed": 30, "dropout_reasons": ""},  # all equal
        {"mean_satisfaction": "1"},
        {"mean_satisfaction": "5"},
        {"enrolled": 0, "completed": 0, "passed": 0, "mean_satisfaction": None, "dropout_reasons": ""},
    ],
)
def test_boundary_values_are_accepted(client, cast, submit_url, values):
    client.force_login(cast.partner)
    response = client.post(submit_url, form(**values))
    assert response.status_code == 302
    assert EvaluationReport.objects.get().status == Status.SUBMITTED


def test_the_partner_submits_for_its_own_institution_only(client, cast, submit_url, partner_institution):
    client.force_login(cast.partner)
    client.post(submit_url, {**form(), "institution": cast.course.lead_institution_id})
    assert EvaluationReport.objects.get().institution == partner_institution


def test_data_cannot_be_submitted_before_the_edition_ends(cast, partner_institution):
    edition = make_edition(cast.course, ended_days_ago=-1)
    with pytest.raises(ValidationError, match="once the edition has ended"):
        submit_report(edition, partner_institution)
    edition_today = make_edition(cast.course, name="Today", ended_days_ago=0)
    assert submit_report(edition_today, partner_institution).status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "message"),
    [
        ("2030-05-01", "2030-05-01", "The edition must end after it starts"),
        ("2030-05-01", "2030-04-30", "The edition must end after it starts"),
        ("2030-05-01", "", "This field is required."),
        ("2030-13-01", "2030-05-01", "Enter a valid date."),
    ],
)
def test_edition_dates_are_checked(client, cast, starts_on, ends_on, message):
    client.force_login(cast.qa)
    response = client.post(
        reverse("quality:edition_add", args=[cast.course.slug]),
        {"edition-name": "Spring", "edition-starts_on": starts_on, "edition-ends_on": ends_on},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not cast.course.editions.exists()


def test_edition_name_unique_per_course(cast):
    make_edition(cast.course, name="Spring")
    with pytest.raises(ValidationError, match="already has an edition called"):
        services.edition_create(
            actor=cast.leader, course=cast.course, name="spring", starts_on=date(2030, 1, 1), ends_on=date(2030, 2, 1)
        )


def test_review_round_trip(client, cast, submit_url, partner_institution):
    client.force_login(cast.partner)
    client.post(submit_url, form())
    report = EvaluationReport.objects.get()
    review_url = reverse("quality:report_review", args=[cast.course.slug, report.pk])

    client.force_login(cast.qa)
    empty = client.post(review_url, {"decision": "request_changes", "review-comment": "  "})
    assert empty.status_code == 400
    assert str(services.COMMENT_REQUIRED) in empty.content.decode()
    client.post(review_url, {"decision": "request_changes", "review-comment": "Satisfaction looks too high."})
    report.refresh_from_db()
    assert report.status == Status.CHANGES_REQUESTED

    client.force_login(cast.partner)
    page = client.get(submit_url).content.decode()
    assert "Satisfaction looks too high." in page
    no_reply = client.post(submit_url, form(mean_satisfaction="3.8"))
    assert no_reply.status_code == 400
    assert "This field is required." in no_reply.content.decode()
    client.post(submit_url, {**form(mean_satisfaction="3.8"), "report-reply": "Recounted: 3.8."})
    report.refresh_from_db()
    assert (report.status, report.mean_satisfaction, report.reply) == (
        Status.SUBMITTED,
        Decimal("3.8"),
        "Recounted: 3.8.",
    )

    client.force_login(cast.qa)
    detail = client.get(report.get_absolute_url()).content.decode()
    assert "Asked for changes" in detail and "Recounted: 3.8." in detail
    client.post(review_url, {"decision": "accept"})
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED and report.reviewed_by == cast.qa

    again = client.post(review_url, {"decision": "accept"})
    assert again.status_code == 400
    assert "not waiting for review (its status: Accepted)" in again.content.decode()

    client.force_login(cast.partner)
    frozen = client.post(submit_url, {**form(enrolled=50), "report-reply": "More."})
    assert frozen.status_code == 400
    assert str(services.ACCEPTED_FINAL) in frozen.content.decode()
    report.refresh_from_db()
    assert report.enrolled == 40


def test_unknown_review_decision_is_a_400(client, cast, partner_institution):
    report = submit_report(make_edition(cast.course), partner_institution)
    client.force_login(cast.qa)
    response = client.post(reverse("quality:report_review", args=[cast.course.slug, report.pk]), {"decision": "x"})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_procedure_is_kept_by_leader_or_qa(client, cast):
    client.force_login(cast.qa)
    url = reverse("quality:procedure_edit", args=[cast.course.slug])
    empty = client.post(url, {"procedure-frequency": "yearly"})
    assert empty.status_code == 400
    client.post(
        url,
        {
            "procedure-instruments": "Survey",
            "procedure-frequency": "yearly",
            "procedure-responsibilities": "QA officer analyses.",
        },
    )
    procedure = cast.course.evaluation_procedure
    assert procedure.frequency == "yearly"
    assert procedure.history.first().history_user == cast.qa


def test_evaluation_page_offers_submission_to_the_right_institution(client, cast, partner_institution):
    edition = make_edition(cast.course)
    make_edition(cast.course, name="Future", ended_days_ago=-30)
    client.force_login(cast.partner)
    page = client.get(reverse("quality:evaluation", args=[cast.course.slug])).content.decode()
    assert page.count("Submit data") == 1
    assert reverse("quality:report_submit", args=[cast.course.slug, edition.pk]) in page
