"""Every user-facing string ships in Spanish, French and Portuguese, and the compiled catalogues
the site reads are the ones in the sources: a string added without a translation, a fuzzy guess
left by makemessages or a forgotten compilemessages fails here, not in front of a reader."""

from __future__ import annotations

from gettext import GNUTranslations
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_every_string_is_translated(language):
    po = catalogue(language)
    missing = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.parametrize("language", ["es", "fr", "pt"])
def test_the_compiled_catalogue_is_the_source(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        mo = GNUTranslations(compiled)
    stale = []
    for entry in catalogue(language).translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            found = mo._catalog.get((key, 0))
            expected = entry.msgstr_plural[0]
        else:
            found, expected = mo._catalog.get(key), entry.msgstr
        if found != expected:
            stale.append(entry.msgid)
    assert not stale, f"{len(stale)} strings differ from django.mo in {language} (run make messages): {stale[:5]}"
