"""Documents in the browser: who sees, uploads and downloads what; bad files get a clear message."""

import pytest
from django.urls import reverse

from documents.models import Document
from documents.services import document_upload
from phases.models import Membership
from tests.documents.conftest import PDF, stored_files, upload
from tests.factories.phases import add_task, member, running_design
from tests.utils import WHO, expect, status_or_login

pytestmark = pytest.mark.django_db


def url(cast, name, *args):
    return reverse(f"documents:{name}", args=[cast.course.slug, *args])


def test_download_is_an_attachment_with_the_safe_name_and_the_detected_type(client, cast, document):
    client.force_login(cast.learner)
    response = client.get(url(cast, "download", document.pk, 1))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_file_whose_name_lies_is_refused_at_the_field(client, cast, decision, media):
    client.force_login(cast.leader)
    response = client.post(url(cast, "list"), {
        "document-subject": f"decision:{decision.pk}", "document-title": "Setup",
        "document-file": upload("setup.pdf", b"MZ\x90\x00" + b"\x00" * 100),
    })  # fmt: skip
    assert response.status_code == 400
    assert "not an allowed type" in response.content.decode()
    assert not Document.objects.exists() and stored_files(media) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"document-subject": "decision:999999", "document-title": "X"}, "Select a valid choice"),
        ({"document-subject": "nonsense", "document-title": "X"}, "Select a valid choice"),
        ({"document-title": ""}, "This field is required"),
    ],
)
def test_odd_subjects_and_empty_fields_are_refused(client, cast, decision, data, message):
    client.force_login(cast.leader)
    response = client.post(url(cast, "list"), {**data, "document-file": upload()})
    assert response.status_code == 400 and message in response.content.decode()


def test_an_empty_file_is_refused(client, cast, decision):
    client.force_login(cast.leader)
    response = client.post(url(cast, "list"), {"document-subject": f"decision:{decision.pk}",
                                               "document-title": "Empty", "document-file": upload("e.pdf", b"")})  # fmt: skip
    assert response.status_code == 400


def test_a_partner_uploads_and_the_page_lists_it(client, cast, decision):
    client.force_login(cast.partner)
    response = client.post(url(cast, "list"), {"document-subject": f"decision:{decision.pk}",
                                               "document-title": "Our position", "document-file": upload()})  # fmt: skip
    assert response.status_code == 302
    page = client.get(url(cast, "list")).content.decode()
    assert "Our position" in page and "minutes.pdf" in page


def test_a_learner_sees_only_the_documents_of_tasks_assigned_to_them(client, cast):
    from datetime import date

    design = running_design(cast.course, date.today())
    theirs = add_task(design, assignees=[member(cast.course, cast.learner)], title="Test the exercises")
    other = add_task(design, title="Budget")
    for task in (theirs, other):
        document_upload(actor=cast.leader, course=cast.course, kind="task", subject=task, title=f"On {task.title}",
                        upload=upload())  # fmt: skip
    hidden = Document.objects.get(task=other)
    client.force_login(cast.learner)
    page = client.get(url(cast, "list")).content.decode()
    assert "On Test the exercises" in page and "On Budget" not in page
    assert client.get(url(cast, "download", hidden.pk, 1)).status_code == 404
    # ... and attaches only to their own task
    response = client.post(url(cast, "list"), {"document-subject": f"task:{other.pk}", "document-title": "X",
                                               "document-file": upload()})  # fmt: skip
    assert response.status_code == 400
    assert Membership.objects.filter(user=cast.learner).exists()


DOWNLOAD = expect("login", 404, 200, 200, 200, 200, 200, 200)


@pytest.mark.parametrize(
    ("name", "args", "method", "data", "expected"),
    [
        ("list", [], "get", None, expect("login", 404, 200, 200, 200, 200, 200, 200)),
        ("detail", ["doc"], "get", None, expect("login", 404, 200, 200, 200, 200, 200, 200)),
        ("download", ["doc", 1], "get", None, DOWNLOAD),
        ("download", ["doc", 9], "get", None, expect("login", 404, 404, 404, 404, 404, 404, 404)),
        # a new version: those who work on decisions (leader and partners; an admin too)
        ("version_add", ["doc"], "post", "file", expect("login", 404, 403, 403, 302, 403, 302, 302)),
        # deleting: the uploader (the leader here) or the leader; a second delete is refused with 400
        ("delete", ["doc"], "post", None, expect("login", 404, 403, 403, 403, 403, 302, 400)),
    ],
)
def test_permission_matrix(cast, document, name, args, method, data, expected):
    address = url(cast, name, *[document.pk if a == "doc" else a for a in args])
    actual = {}
    for who in WHO:
        payload = {"version-file": upload()} if data == "file" else None
        actual[who] = status_or_login(cast, who, method, address, payload)
    assert actual == expected


def test_an_evaluation_report_document_is_for_the_staff_only(client, cast):
    from tests.factories.quality import make_edition, submit_report

    partner_institution = cast.partner.memberships.get(course=cast.course).institution
    report = submit_report(make_edition(cast.course), partner_institution)
    document = document_upload(actor=cast.partner, course=cast.course, kind="report", subject=report,
                               title="Survey results", upload=upload()).document  # fmt: skip
    address = url(cast, "download", document.pk, 1)
    assert {who: status_or_login(cast, who, "get", address) for who in WHO} == expect(
        "login", 404, 404, 404, 200, 200, 200, 200
    )
