"""Every write of shared documents: upload, new version, delete (kept in history), purge (admins).

A file is stored first, under a random key, and the rows written after; if writing the rows fails the stored
file is removed again, so a failed upload leaves nothing half-saved. The content decides the type and the
extension of the name offered at download.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import IO, TYPE_CHECKING, cast

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.history import attribute
from documents import conf
from documents.files import EMPTY, NOT_ALLOWED, TOO_LARGE, detect, human_size, safe_name
from documents.models import Document, DocumentVersion, SubjectKind
from teams.models import Course

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from documents.selectors import Subject
    from governance.models import VisionVersion
    from phases.models import Task
    from quality.models import Decision, EvaluationReport
    from support.models import Agreement

TITLE_REQUIRED = _("Give the document a title.")
SUBJECT_NOT_IN_COURSE = _("Choose something of this course to attach the document to.")
DELETED = _("This document was deleted; its versions are kept in the history.")
UNKNOWN_KIND = _("Choose what the document is attached to.")


def check_file(upload: UploadedFile[bytes]) -> tuple[str, str, int]:
    """(content type, safe name, size) of an upload that may be stored, or a ValidationError on ``file``."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": EMPTY})
    limit = conf.max_upload_bytes()
    if size > limit:
        raise ValidationError({"file": TOO_LARGE.format(size=human_size(size), limit=human_size(limit))})
    detected = detect(upload)
    if detected is None:
        raise ValidationError({"file": NOT_ALLOWED})
    return detected.content_type, safe_name(cast(str, upload.name), extension=detected.extension), size


def _digest(upload: IO[bytes]) -> str:
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _store_version(*, actor: User, document: Document, upload: UploadedFile[bytes]) -> DocumentVersion:
    content_type, name, size = check_file(upload)
    sha = _digest(upload)
    key = default_storage.save(f"documents/{document.course_id}/{uuid.uuid4().hex}", upload)
    try:
        with transaction.atomic():
            if document.pk is None:
                attribute(document, actor)
                document.save()
            number = (DocumentVersion.objects.filter(document=document).aggregate(n=Max("number"))["n"] or 0) + 1
            version = DocumentVersion(document=document, number=number, file=key, original_name=name,
                                      content_type=content_type, size=size, sha256=sha, uploaded_by=actor)  # fmt: skip
            attribute(version, actor)
            version.save()
    except BaseException:
        default_storage.delete(key)
        if document.pk is not None and not Document.objects.filter(pk=document.pk).exists():
            document.pk = None
        raise
    return version


def _subject_course_id(kind: str, subject: Subject) -> int:
    if kind == SubjectKind.VISION or kind == SubjectKind.AGREEMENT or kind == SubjectKind.DECISION:
        return cast("VisionVersion | Agreement | Decision", subject).course_id
    if kind == SubjectKind.TASK:
        return cast("Task", subject).phase.course_id
    return cast("EvaluationReport", subject).edition.course_id


def document_upload(
    *, actor: User, course: Course, kind: str, subject: Subject, title: str, upload: UploadedFile[bytes]
) -> DocumentVersion:
    """A new document attached to ``subject`` (of ``kind``), with its first version."""
    if kind not in SubjectKind.values:
        raise ValidationError({"subject": UNKNOWN_KIND})
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": TITLE_REQUIRED})
    if subject is None or _subject_course_id(kind, subject) != course.pk:
        raise ValidationError({"subject": SUBJECT_NOT_IN_COURSE})
    document = Document(course=course, title=title, kind=kind, created_by=actor, **{kind: subject})
    document.full_clean(exclude=["course", "created_by", kind])
    return _store_version(actor=actor, document=document, upload=upload)


def document_version_add(*, actor: User, document: Document, upload: UploadedFile[bytes]) -> DocumentVersion:
    """A new version of a document that is not deleted."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_deleted:
        raise ValidationError(DELETED)
    return _store_version(actor=actor, document=document, upload=upload)


@transaction.atomic
def document_delete(*, actor: User, document: Document) -> Document:
    """Hide a document; its versions and files stay, in the history, until an admin purges them."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_deleted:
        raise ValidationError(DELETED)
    document.deleted_at, document.deleted_by = timezone.now(), actor
    attribute(document, actor)
    document.save()
    return document


def document_purge(*, actor: User, document: Document) -> int:
    """Remove a document, its versions and their files for good (admins only, through Django admin).

    The rows go first, in a transaction; the files after it commits, so a failure never leaves rows without
    files. Returns the number of files removed.
    """
    keys = list(DocumentVersion.objects.filter(document=document).values_list("file", flat=True))
    with transaction.atomic():
        for version in DocumentVersion.objects.filter(document=document):
            attribute(version, actor)
            version.delete()
        attribute(document, actor)
        document.delete()
    for key in keys:
        default_storage.delete(key)
    return len(keys)
