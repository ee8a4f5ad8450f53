"""A pseudo-locale built at test time: every message of our catalogues (and Django's and the installed apps') with
its letters accented and wrapped in brackets, "Log work" -> "[Ĺöĝ ŵöŕķ]", placeholders and HTML kept as they are.

A page rendered in it shows at once which text is not translatable: whatever still has plain ASCII words.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real

from tests.i18n.catalogues import LOCALE_DIR, read_po

PSEUDO = "xx"
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "áƀçđéƒĝĥíĵķĺɱñöþʠŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÖÞǪŔŠŢÚṼŴẊÝŽ"
_ACCENT = str.maketrans(_PLAIN, _ACCENTED)
# What must reach the page untouched: %(name)s and %s placeholders, {name} fields, HTML tags and entities.
_KEEP = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr%]|\{[^{}]*\}|<[^>]+>|&#?\w+;")


def pseudo(text: str) -> str:
    """``text`` with every letter outside placeholders and tags accented, wrapped in [ ]."""
    if not text:
        return text
    out, last = [], 0
    for match in _KEEP.finditer(text):
        out.append(text[last : match.start()].translate(_ACCENT))
        out.append(match.group())
        last = match.end()
    out.append(text[last:].translate(_ACCENT))
    return "[" + "".join(out) + "]"


def _source_catalogues() -> list[Path]:
    """Ours (English holds every msgid), Django's own and every installed app's English catalogues."""
    paths = [LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po", LOCALE_DIR / "en" / "LC_MESSAGES" / "djangojs.po"]
    paths.append(Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po")
    for config in apps.get_app_configs():
        paths.append(Path(config.path) / "locale" / "en" / "LC_MESSAGES" / "django.po")
    return [p for p in paths if p.exists()]


def _write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU .mo file (the format Python's gettext reads); keys sorted as the format requires."""
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    count = len(keys)
    start = 7 * 4 + 16 * count
    offsets, pos_id, pos_str = [], 0, 0
    for key in keys:
        offsets.append((len(key.encode()), start + pos_id))
        pos_id += len(key.encode()) + 1
    str_offsets = []
    for key in keys:
        str_offsets.append((len(messages[key].encode()), start + len(ids) + pos_str))
        pos_str += len(messages[key].encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    table = b"".join(struct.pack("ii", *o) for o in offsets) + b"".join(struct.pack("ii", *o) for o in str_offsets)
    path.write_bytes(header + table + ids + strs)


def build(directory: Path) -> set[str]:
    """Write the pseudo catalogue under ``directory`` (a LOCALE_PATHS entry); return every msgid it holds."""
    messages = {"": "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"}
    for path in _source_catalogues():
        for entry in read_po(path):
            if re.fullmatch(r"[A-Z_]+", entry.msgid):  # DATE_FORMAT and the like are settings, not text
                continue
            key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
            if entry.msgid_plural:
                messages[f"{key}\0{entry.msgid_plural}"] = f"{pseudo(entry.msgid)}\0{pseudo(entry.msgid_plural)}"
            else:
                messages[key] = pseudo(entry.msgid)
    target = directory / PSEUDO / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    _write_mo(target / "django.mo", messages)
    _write_mo(target / "djangojs.mo", {"": messages[""]})
    return set(messages)


def _reset_translations() -> None:
    trans_real._translations = {}
    trans_real._default = None
    for cached in ("check_for_language", "get_languages", "get_supported_language_variant"):
        clear = getattr(getattr(trans_real, cached), "cache_clear", None)  # lru_cache'd in this Django version?
        if clear is not None:
            clear()


@contextmanager
def pseudo_locale(directory: Path) -> Iterator[str]:
    """Make the pseudo language of ``directory`` (see ``build``) available: a browser asking for ``xx`` gets it."""
    LANG_INFO[PSEUDO] = {"bidi": False, "code": PSEUDO, "name": "Pseudo", "name_local": "Pseudo"}
    try:
        with override_settings(
            LOCALE_PATHS=[directory, *settings.LOCALE_PATHS], LANGUAGES=[*settings.LANGUAGES, (PSEUDO, "Pseudo")]
        ):
            _reset_translations()
            yield PSEUDO
    finally:
        LANG_INFO.pop(PSEUDO, None)
        _reset_translations()
        translation.activate(settings.LANGUAGE_CODE)
        translation.deactivate()


# Attributes people read (or hear): they are text as much as the text between tags.
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
SKIPPED_ELEMENTS = {"script", "style", "code", "pre", "kbd", "samp"}


class VisibleText(HTMLParser):
    """The text nodes and read attributes of a page, outside <script>, <style> and code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_ELEMENTS:
            self._skipping.append(tag)
        values = dict(attrs)
        for name in READ_ATTRIBUTES:
            if values.get(name):
                self.texts.append(values[name] or "")
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.texts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.texts.append(" ".join(data.split()))


_NOT_WORDS = [
    re.compile(r"\[[^\[\]]*\]"),  # translated: the pseudo brackets, innermost first (applied repeatedly)
    re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),  # e-mail addresses
    re.compile(r"\b(?:https?://|/)[^\s]*"),  # URLs and paths
    re.compile(r"\b\d[\d\s.,:/-]*\b"),  # numbers, dates, times
    re.compile(r"\b[A-Z]{2}\b"),  # ISO country codes shown beside institutions ("(DE)")
]
# E-mail addresses and full URLs, never reaching past a pseudo bracket that may close around them.
_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\bhttps?://[^\s\[\]]*")


def untranslated(html: str, *, data: set[str], allowed: set[str]) -> list[str]:
    """The visible texts of ``html`` that still hold a plain (ASCII) word once translated text, data from the
    database (``data``), addresses, numbers and dates, and the ``allowed`` words are taken out."""
    parser = VisibleText()
    parser.feed(html)
    found = []
    for text in parser.texts:
        # Addresses and full URLs first: a stored value inside one (the site's host) would otherwise split it.
        rest = _ADDRESS.sub(" ", text)
        for value in sorted(data, key=len, reverse=True):
            if value and value in rest:
                rest = rest.replace(value, " ")
        previous = None
        while previous != rest:
            previous, rest = rest, _NOT_WORDS[0].sub(" ", rest)
        for pattern in _NOT_WORDS[1:]:
            rest = pattern.sub(" ", rest)
        # A word left with plain ASCII letters was not translated (pseudo text has none outside placeholders).
        words = [w for w in re.findall(r"[^\W\d_]+", rest) if w not in allowed and re.search(r"[A-Za-z]{2}", w)]
        if words:
            found.append(text)
    return sorted(set(found))


def database_text() -> set[str]:
    """Every text value stored in the test database: names, titles and notes the test created are data."""
    from django.db import models

    values: set[str] = set()
    for model in apps.get_models():
        # Fields with choices hold codes ("design"); what a page shows of them is a translated label.
        text_fields = (models.CharField, models.TextField)
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, text_fields) and not f.choices]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            values.update(v for v in row if isinstance(v, str) and len(v) > 1)
    return values
