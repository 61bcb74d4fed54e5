"""Every user-facing string ships in Spanish, French and Portuguese, and the compiled catalogues
the site reads are the ones in the sources: a string added without a translation, a fuzzy guess
left by makemessages or a forgotten compilemessages fails here, not in front of a reader."""

from __future__ import annotations

import ast
from gettext import GNUTranslations
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"


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


def eager_translations(path: Path) -> list[str]:
    """Calls of ``gettext`` (not its lazy form) that run when the module is imported: outside any
    function, so in the language active at import, whatever the reader's."""
    tree = ast.parse(path.read_text())
    eager = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in ("gettext", "ngettext", "pgettext", "npgettext")
    }
    found = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in eager:
                found.append(f"{path.relative_to(ROOT)}:{child.lineno}: {ast.unparse(child)[:60]}")
            visit(child)

    if eager:
        visit(tree)
    return found


def test_no_string_is_translated_when_its_module_is_imported():
    modules = [
        path
        for app in ("core", "solutions", "search", "community", "exchange", "website")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
    ]
    assert len(modules) > 100
    found = [call for path in modules for call in eager_translations(path)]
    assert not found, "use gettext_lazy for these: " + "; ".join(found)
