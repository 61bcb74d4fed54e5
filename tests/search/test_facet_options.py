"""The search page's facet checkboxes (search/templatetags/search_facets.py)."""

from types import SimpleNamespace

from django.utils import translation

from search.templatetags.search_facets import facet_options


def test_facet_options_escape_every_value_and_mark_the_selected():
    options = [
        SimpleNamespace(value='x"><script>', label="<b>Côte d'Ivoire</b>", count=12345, selected=True),
        SimpleNamespace(value="BR", label="Brazil", count=7, selected=False),
    ]
    with translation.override("en"):
        html = facet_options("country", options)
    assert "<script>" not in html and "<b>" not in html
    assert 'value="x&quot;&gt;&lt;script&gt;"' in html and "&lt;b&gt;Côte d&#x27;Ivoire&lt;/b&gt;" in html
    assert html.count(" checked") == 1 and 'id="s-country-BR">' in html
    assert '<label for="s-country-BR">Brazil <span class="count">(7)</span></label>' in html
    assert "(12,345)" in html
