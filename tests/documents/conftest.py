import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document
from documents.services import document_upload
from quality.models import Decision
from tests.factories.quality import make_decision

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def office(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office({
    "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
                           b'wordprocessingml.document.main+xml"/></Types>',
    "word/document.xml": b"<w:document/>",
})  # fmt: skip
DOCM = office({
    "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
                           b"</Types>",
    "word/document.xml": b"<w:document/>",
    "word/vbaProject.bin": b"\x00" * 10,
})  # fmt: skip
ODT = office({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"})


def upload(name: str = "minutes.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.fixture
def decision(cast) -> Decision:
    return make_decision(cast.course)


@pytest.fixture
def document(cast, decision) -> Document:
    return document_upload(actor=cast.leader, course=cast.course, kind="decision", subject=decision,
                           title="Minutes", upload=upload()).document  # fmt: skip
