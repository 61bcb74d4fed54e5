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


def test_result_rows_escape_every_field_but_the_marked_snippet():
    from django.utils.safestring import mark_safe

    from search.templatetags.search_facets import search_hits

    hit = SimpleNamespace(
        label="<i>Solution</i>",
        url='/en/s/"onmouseover="x',
        title="Wells & <script>pumps</script>",
        snippet=mark_safe("clean <mark>water</mark> &amp; more"),
        language=["es", "<b>"],
        date="2024-05-01",
    )
    html = search_hits([hit, SimpleNamespace(**{**vars(hit), "snippet": "", "date": None, "language": []})])
    assert "<script>" not in html and "<i>" not in html and "<b>" not in html
    assert 'href="/en/s/&quot;onmouseover=&quot;x"' in html and "Wells &amp; &lt;script&gt;" in html
    assert '<p class="snippet">clean <mark>water</mark> &amp; more</p>' in html and html.count("snippet") == 1
    assert "<span>ES</span><span>&lt;B&gt;</span>" in html and '<time datetime="2024-05-01">2024-05-01</time>' in html


def test_facet_panels_open_the_first_three_or_all_once_filtered_and_link_to_the_rest():
    from search.templatetags.search_facets import facet_panels

    option = SimpleNamespace(value="MZ", label="Mozambique", count=3, selected=False)
    facets = [(f"f{n}", f"Heading <{n}>", [option], n == 4) for n in range(1, 6)] + [("empty", "Empty", [], True)]
    with translation.override("en"):
        plain = facet_panels(facets, False, "q=water&sdg=6")
        filtered = facet_panels(facets, True, "q=water")
    assert plain.count("<details") == 5 and plain.count(" open>") == 3 and filtered.count(" open>") == 5
    assert "Heading &lt;1&gt;" in plain and "Empty" not in plain
    assert plain.count("facet-more") == 1
    assert '<a href="?q=water&amp;sdg=6&amp;expand=f4">Show all values of heading &lt;4&gt;</a>' in plain
