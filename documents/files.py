"""What a stored file may be: checked by its content, never by its name.

Allowed: PDF; office documents (Office Open XML and OpenDocument, without macros); images (PNG, JPEG, GIF,
WebP); plain text (UTF-8 without control characters other than tabs and line breaks). Magic bytes come from
``puremagic`` (pure Python, maintained, no system library); the office formats are ZIP files told apart by
their entries, which are read here (a ZIP's magic bytes alone do not say whether it is a document).
"""

from __future__ import annotations

import math
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

import puremagic
from django.utils.translation import gettext_lazy as _

NOT_ALLOWED = _(
    "This file's content is not an allowed type. Upload a PDF, an office document (Word, Excel, PowerPoint or "
    "OpenDocument, without macros), an image (PNG, JPEG, GIF, WebP) or plain text."
)
EMPTY = _("The file is empty.")
TOO_LARGE = _("The file is {size}; files may be at most {limit}.")

MAGIC_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
    "ppt/": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
}
ODF = {
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
}
TEXT_EXTENSIONS = {".txt", ".csv", ".md"}
HEAD = 8192
ZIP_MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Detected:
    content_type: str
    extension: str


def human_size(size: int) -> str:
    """Sizes as people read them, rounded up, so a file just over a limit never reads as equal to it."""
    if size >= 1024 * 1024:
        tenths = math.ceil(size * 10 / (1024 * 1024))
        return f"{tenths // 10} MB" if tenths % 10 == 0 else f"{tenths / 10:.1f} MB"
    if size >= 1024:
        return f"{math.ceil(size / 1024)} KB"
    return f"{size} bytes"


def safe_name(name: str, *, extension: str = "", limit: int = 150) -> str:
    """The uploader's file name without folders, control or format characters, reserved or odd leading
    characters, and with the extension that matches the content (``extension``), within ``limit`` characters."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] not in ("C", "Z") or c == " ")
    name = "".join("_" if c in '<>:"|?*' else c for c in name)
    name = " ".join(name.split()).strip(" .-")
    stem, ext = os.path.splitext(name)
    if extension:
        if ext.lower() != extension and not (extension == ".txt" and ext.lower() in TEXT_EXTENSIONS):
            stem, ext = name, extension
        ext = ext.lower()
    stem = stem.strip(" .-") or "document"
    return stem[: max(1, limit - len(ext))] + ext


def _office(upload: IO[bytes]) -> Detected | None:
    """An Office Open XML or OpenDocument file, told by its entries; macro-enabled files are not allowed."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > ZIP_MAX_ENTRIES:
                return None
            names = {i.filename for i in infos}
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype in ODF:
                    return Detected(mimetype, ODF[mimetype])
                return None
            if "[Content_Types].xml" not in names:
                return None
            manifest = archive.read("[Content_Types].xml")[:200_000].decode("utf-8", "replace")
            if "macroEnabled" in manifest or any(n.lower().endswith("vbaproject.bin") for n in names):
                return None
            for prefix, (mime, extension) in OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return Detected(mime, extension)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError, EOFError):
        return None
    finally:
        upload.seek(0)
    return None


def _plain_text(upload: IO[bytes]) -> Detected | None:
    upload.seek(0)
    try:
        for chunk in iter(lambda: upload.read(64 * 1024), b""):
            # A chunk may end inside a multi-byte character: decode incrementally.
            if b"\x00" in chunk:
                return None
        upload.seek(0)
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        return None
    finally:
        upload.seek(0)
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        return None
    return Detected("text/plain", ".txt")


def detect(upload: IO[bytes]) -> Detected | None:
    """The allowed type of ``upload``'s content, or None."""
    upload.seek(0)
    head = upload.read(HEAD)
    upload.seek(0)
    if not head:
        return None
    if head.startswith(b"PK\x03\x04"):
        return _office(upload)
    try:
        mime = puremagic.from_string(head, mime=True)
    except puremagic.PureError:
        mime = ""
    if mime in MAGIC_TYPES:
        return Detected(mime, MAGIC_TYPES[mime])
    if mime == "image/webp" or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return Detected("image/webp", ".webp")
    return _plain_text(upload)
