"""{% load site_i18n %} (core/templatetags/site_i18n.py): each literal {% translate %} is written
once per language, and must read exactly as Django's own tag would."""

import re
from pathlib import Path

import pytest
from django.core import checks
from django.template import Context, Engine
from django.utils import translation

SOURCES = [
    '{% translate "Search" %}',
    '{% translate "Search" as label %}[{{ label }}]',
    '{% trans "Search" %}|{% translate "Search"|upper %}',
    "{% translate word %}",
    '{% translate "Search" noop %}',
    '{% translate "May" context "month name" %}',
    '{% translate "R&D <b>%%</b>" %}',
    "{% translate 'Search' as label %}{% autoescape off %}{% translate \"R&D <b>\" %}{% endautoescape %}{{ label }}",
]


ROOT = Path(__file__).resolve().parent.parent


def engine(library):
    return Engine(libraries={"i18n": library})


@pytest.mark.parametrize("source", SOURCES)
def test_translate_reads_as_djangos_in_every_language_and_escaping(source):
    ours = engine("core.templatetags.site_i18n").from_string("{% load i18n %}" + source)
    djangos = engine("django.templatetags.i18n").from_string("{% load i18n %}" + source)
    for autoescape in (True, False):
        for language in ("en", "es", "fr", "pt", "es", "en", None):
            context = {"word": "Search"}
            with translation.override(language):
                expected = djangos.render(Context(context, autoescape=autoescape))
                assert ours.render(Context(context, autoescape=autoescape)) == expected, (language, autoescape)


def test_the_sites_templates_load_it_and_nothing_shadows_djangos_library():
    from django.template import engines

    template = engines["django"].from_string('{% load site_i18n %}{% translate "Search" %}')
    assert type(template.template.nodelist[-1]).__name__ == "MemoTranslateNode"
    loads = re.compile(r"{%\s*load\s[^%]*\bi18n\b")
    plain = [
        str(path.relative_to(ROOT))
        for folder in (ROOT / "templates", *(app / "templates" for app in ROOT.iterdir()))
        for path in folder.rglob("*")
        if path.suffix in (".html", ".txt") and loads.search(path.read_text(encoding="utf-8"))
    ]
    assert plain == [], "load site_i18n instead of i18n"
    assert not [m for m in checks.run_checks(tags=[checks.Tags.templates]) if m.id == "templates.W003"]
