"""{% load i18n %} loads core/templatetags/memo_i18n.py: each literal {% translate %} is written
once per language and escaping, and must read exactly as Django's own tag would."""

import pytest
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


def engine(library):
    return Engine(libraries={"i18n": library})


@pytest.mark.parametrize("source", SOURCES)
def test_translate_reads_as_djangos_in_every_language_and_escaping(source):
    ours = engine("core.templatetags.memo_i18n").from_string("{% load i18n %}" + source)
    djangos = engine("django.templatetags.i18n").from_string("{% load i18n %}" + source)
    for autoescape in (True, False):
        for language in ("en", "es", "fr", "pt", "es", "en", None):
            context = {"word": "Search"}
            with translation.override(language):
                expected = djangos.render(Context(context, autoescape=autoescape))
                assert ours.render(Context(context, autoescape=autoescape)) == expected, (language, autoescape)


def test_the_site_loads_it_as_i18n():
    from django.template import engines

    with translation.override("es"):
        first = engines["django"].from_string('{% load i18n %}{% translate "Search" %}').render()
    with translation.override("en"):
        second = engines["django"].from_string('{% load i18n %}{% translate "Search" %}').render()
    template = engines["django"].from_string('{% load i18n %}{% translate "Search" %}')
    assert type(template.template.nodelist[-1]).__name__ == "MemoTranslateNode"
    assert (first, second) == ("Buscar", "Search")
