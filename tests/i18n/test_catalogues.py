"""The committed catalogues: complete in every language, compiled, and extracted from the current sources.

``test_catalogues_complete`` fails until translators have filled every language (docs/i18n-glossary.md); the
other two fail when someone marked or changed a string and did not run ``make messages`` (and commit the result).
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n.catalogues import DOMAINS, LOCALE_DIR, catalogue_paths, plural_count, read_po

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# As the Makefile's `messages` target: what is not ours or not read by people is not extracted.
IGNORED = [".venv", "node_modules", "var", "static/vendor", "tests", "scripts"]


def test_every_language_has_a_catalogue():
    for language in LANGUAGES:
        assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").exists(), f"run `make messages` for {language}"


@pytest.mark.translations
@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != settings.LANGUAGE_CODE])
def test_catalogues_complete(language):
    """Every msgid has a translation in every plural form, none fuzzy (English, the source, may stay empty)."""
    problems = []
    for path in catalogue_paths(language):
        forms = plural_count(path)
        for entry in read_po(path):
            where = f"{path.name}: {entry.msgid[:70]!r}"
            if "fuzzy" in entry.flags:
                problems.append(f"{where} is fuzzy")
            elif entry.msgid_plural and (len(entry.msgstr) != forms or not all(entry.msgstr.values())):
                problems.append(f"{where} lacks some of its {forms} plural forms")
            elif not entry.msgid_plural and not entry.msgstr.get(0):
                problems.append(f"{where} is not translated")
    assert not problems, f"{language}: {len(problems)} entries to translate:\n" + "\n".join(problems[:40])


def _catalogue(mo_path: Path) -> dict:
    with mo_path.open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]
    catalogue.pop("", None)  # the header: msgfmt versions write it differently
    return catalogue


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogues_are_up_to_date(language, tmp_path):
    """Each committed .mo says what its .po says (run `make messages`, or `manage.py compilemessages`)."""
    for path in catalogue_paths(language):
        committed = path.with_suffix(".mo")
        assert committed.exists(), f"{committed} is missing: run `make messages` and commit it"
        fresh = tmp_path / committed.name
        subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(path)], check=True)
        assert _catalogue(committed) == _catalogue(fresh), f"{committed} is older than its .po: run `make messages`"


def test_catalogues_of_every_language_hold_the_same_messages():
    source = {d: {e.key for e in read_po(p)} for p in catalogue_paths("en") for d in DOMAINS if p.stem == d}
    for language in LANGUAGES:
        for path in catalogue_paths(language):
            keys = {e.key for e in read_po(path)}
            assert keys == source[path.stem], f"{language}/{path.name} differs from English: run `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_sources_are_all_extracted(tmp_path):
    """makemessages on a copy of the sources finds exactly the messages of the committed catalogues."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(".git", ".venv", "var", "node_modules", "__pycache__", "*.pyc", "locale")
    shutil.copytree(base, copy, ignore=ignore, symlinks=True)
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "microcred.settings.test", "PYTHONPATH": str(copy)}
    for domain in DOMAINS:
        command = [sys.executable, "manage.py", "makemessages", f"--domain={domain}", "--locale=en", "--no-obsolete"]
        command += [f"--ignore={pattern}" for pattern in IGNORED]
        subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True)
    for domain in DOMAINS:
        extracted_path = copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        committed_path = LOCALE_DIR / "en" / "LC_MESSAGES" / f"{domain}.po"
        extracted = {e.key for e in read_po(extracted_path)} if extracted_path.exists() else set()
        committed = {e.key for e in read_po(committed_path)} if committed_path.exists() else set()
        missing, stale = sorted(extracted - committed, key=str), sorted(committed - extracted, key=str)
        assert not missing and not stale, (
            f"{domain}: run `make messages`.\nNot in the catalogues: {missing[:30]}\nNo longer in the sources: {stale[:30]}"
        )
