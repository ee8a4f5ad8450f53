"""Uploads, versions, deletion and purge: nothing half-saved, earlier versions kept."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from documents.models import Document, DocumentVersion
from documents.services import (
    document_delete,
    document_purge,
    document_upload,
    document_version_add,
)
from tests.documents.conftest import DOCX, PNG, stored_files, upload
from tests.factories.quality import make_decision

pytestmark = pytest.mark.django_db


def test_an_upload_is_stored_under_a_random_key_with_its_safe_name(cast, decision, media):
    version = document_upload(actor=cast.leader, course=cast.course, kind="decision", subject=decision,
                              title="Minutes", upload=upload("../../Minutes of 3 May.pdf"))  # fmt: skip
    assert version.original_name == "Minutes of 3 May.pdf"
    assert version.content_type == "application/pdf" and version.number == 1
    assert "Minutes" not in version.file.name and version.file.name.startswith(f"documents/{cast.course.pk}/")
    assert len(stored_files(media)) == 1


def test_a_file_over_the_limit_is_refused_with_its_size(cast, decision, settings, media):
    settings.DOCUMENTS_MAX_UPLOAD_MB = 1
    big = upload("scan.png", PNG + b"\x00" * (1024 * 1024))
    with pytest.raises(ValidationError) as info:
        document_upload(actor=cast.leader, course=cast.course, kind="decision", subject=decision, title="Scan",
                        upload=big)  # fmt: skip
    assert info.value.message_dict["file"] == ["The file is 1.1 MB; files may be at most 1 MB."]
    assert not Document.objects.exists() and stored_files(media) == []


def test_a_failure_while_saving_the_rows_leaves_no_file_and_no_row(cast, decision, media):
    failing = mock.patch.object(DocumentVersion, "save", side_effect=IntegrityError("disk full"))
    with failing, pytest.raises(IntegrityError):
        document_upload(actor=cast.leader, course=cast.course, kind="decision", subject=decision,
                        title="Minutes", upload=upload())  # fmt: skip
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_subject_of_another_course_is_refused(cast, media):
    foreign = make_decision(cast.other_course)
    with pytest.raises(ValidationError) as info:
        document_upload(actor=cast.leader, course=cast.course, kind="decision", subject=foreign, title="X",
                        upload=upload())  # fmt: skip
    assert "subject" in info.value.message_dict
    assert stored_files(media) == []


def test_versions_accumulate_and_deleting_keeps_them(cast, document, media):
    second = document_version_add(actor=cast.partner, document=document, upload=upload("minutes v2.docx", DOCX))
    assert second.number == 2 and second.original_name == "minutes v2.docx"
    document_delete(actor=cast.leader, document=document)
    document.refresh_from_db()
    assert document.is_deleted and document.versions.count() == 2
    assert len(stored_files(media)) == 2
    assert document.history.first().deleted_by == cast.leader
    with pytest.raises(ValidationError):
        document_version_add(actor=cast.leader, document=document, upload=upload())


def test_an_admin_purge_removes_rows_and_files(cast, document, media):
    document_version_add(actor=cast.leader, document=document, upload=upload("v2.png", PNG))
    assert document_purge(actor=cast.admin, document=document) == 2
    assert not Document.objects.exists() and stored_files(media) == []
