"""The compiled catalogues are the ones Django reads: in each language a few known messages come out translated.

test_catalogues checks the .po files; this checks what a person sees, i.e. that LOCALE_PATHS finds the .mo files,
that they load (a broken or stale .mo falls back to English without a word) and that plurals follow them.
"""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

# Messages of our own catalogues, shown on every page or on the most used ones.
KNOWN = ["My courses", "My tasks", "Reminders"]

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_each_languages_compiled_catalogue_is_used(language):
    with translation.override("en"):
        english = [gettext(msgid) for msgid in KNOWN]
    with translation.override(language):
        assert translation.get_language() == language
        translated = [gettext(msgid) for msgid in KNOWN]
        plural = ngettext("%(days)s day left", "%(days)s days left", 3) % {"days": 3}
    assert english == KNOWN  # English shows the source texts
    unchanged = [msgid for msgid, text in zip(KNOWN, translated, strict=True) if text == msgid or not text.strip()]
    assert not unchanged, f"{language}: still English: {unchanged}"
    assert plural != "3 days left" and "3" in plural


def test_django_own_catalogues_are_used_beside_ours():
    # Form errors and the admin read Django's catalogues; this message is theirs, not in ours.
    with translation.override("de"):
        assert gettext("This field is required.") == "Dieses Feld ist zwingend erforderlich."
