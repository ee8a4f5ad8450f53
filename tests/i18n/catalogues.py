"""A small reader of gettext .po files (no dependency): entries with their flags, plural forms and context."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
DOMAINS = ("django", "djangojs")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def read_po(path: Path) -> list[Entry]:
    """Every entry of a .po file but the header (msgid "")."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def finish() -> None:
        nonlocal entry, target
        if entry.msgid or entry.msgid_plural:
            entries.append(entry)
        entry, target = Entry(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            entry.obsolete = True
            continue
        if line.startswith("#,"):
            if target is not None:
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if not line or line.startswith("#"):
            if target is not None and not line:
                finish()
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):
            rest, keyword = line, ""
        value = ast.literal_eval(rest) if rest else ""
        if keyword == "msgctxt":
            if target is not None:
                finish()
            entry.msgctxt, target = value, "msgctxt"
        elif keyword == "msgid":
            if target not in (None, "msgctxt"):
                finish()
            entry.msgid, target = value, "msgid"
        elif keyword == "msgid_plural":
            entry.msgid_plural, target = value, "msgid_plural"
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            entry.msgstr[index] = value
            target = index
        elif target == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif target == "msgid":
            entry.msgid += value
        elif target == "msgid_plural":
            entry.msgid_plural += value
        elif isinstance(target, int):
            entry.msgstr[target] += value
    finish()
    return [e for e in entries if not e.obsolete]


def plural_count(path: Path) -> int:
    """nplurals from the catalogue's Plural-Forms header."""
    text = path.read_text(encoding="utf-8")
    marker = "nplurals="
    return int(text[text.index(marker) + len(marker) :].split(";", 1)[0].strip())


def catalogue_paths(language: str) -> list[Path]:
    return [p for d in DOMAINS if (p := LOCALE_DIR / language / "LC_MESSAGES" / f"{d}.po").exists()]
