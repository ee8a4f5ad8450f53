"""Files are allowed by their content, never their name; names are made safe."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.files import detect, safe_name
from tests.documents.conftest import DOCM, DOCX, ODT, PDF, PNG, office, upload


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
        (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (ODT, "application/vnd.oasis.opendocument.text"),
        ("Compte rendu de la réunion\n".encode(), "text/plain"),
    ],
    ids=["pdf", "png", "jpeg", "docx", "odt", "text"],
)
def test_allowed_content_is_recognised(content, expected):
    assert detect(upload(content=content)).content_type == expected


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00" + b"\x00" * 60,  # a Windows program
        b"\x7fELF\x02\x01\x01" + b"\x00" * 40,  # a Linux program
        DOCM,  # a Word document with macros
        office({"evil.sh": b"rm -rf /"}),  # a ZIP that is no document
        b"PK\x03\x04 broken zip",
        b"text with a \x00 NUL byte",
        b"\xc3\x28 invalid UTF-8",
        b"\x1b[31m terminal escape",
    ],
    ids=["exe", "elf", "docm", "zip", "broken-zip", "nul", "bad-utf8", "escape"],
)
def test_other_content_is_refused_whatever_its_name(content):
    assert detect(upload("harmless.pdf", content)) is None


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("../../etc/passwd", ".txt", "passwd.txt"),
        ("C:\\Users\\me\\report.pdf", ".pdf", "report.pdf"),
        ("minutes\x00.pdf\r\n", ".pdf", "minutes.pdf"),
        ("photo.pdf", ".png", "photo.pdf.png"),  # the content decides the extension
        ("\u202etxt.exe", ".pdf", "txt.exe.pdf"),  # a right-to-left override cannot disguise the name
        ("...", ".pdf", "document.pdf"),
        ('a<b>:"c"|?*.PDF', ".pdf", "a_b___c____.pdf"),
        ("notes.md", ".txt", "notes.md"),
    ],
)
def test_names_are_made_safe(name, extension, expected):
    assert safe_name(name, extension=extension) == expected


@given(st.text(max_size=400))
def test_a_safe_name_never_has_separators_or_control_characters(name):
    result = safe_name(name, extension=".pdf")
    assert result.endswith(".pdf") and 5 <= len(result) <= 150
    assert "/" not in result and "\\" not in result
    assert all(ord(c) >= 32 and c not in "\x7f\u202e" for c in result)
    assert not result.startswith(".")
