"""The search page maps where its results are, on both engines: every country counted, not
only the ten its country filter lists."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def map_section(html: str) -> str:
    start = html.index('<section class="world-map"')
    return html[start : html.index("</section>", start)]


def test_search_page_maps_its_results(engine, client, make_solution):
    for n, country in enumerate(["AO", "AO", "KE", "BR", "MZ", "HN", "GT", "SV", "NI", "MW", "SN", "PK"]):
        make_solution(title=f"Water point {n}", recipient_countries=[country], provider_countries=["IN"])
    make_solution(title="Seed banks", recipient_countries=["CL"], provider_countries=["IN"])
    engine.ready()
    response = client.get("/en/search/?q=water")
    assert response.context["results"].engine == engine.name
    section = map_section(response.content.decode())
    assert "<title>Angola: Results 2</title>" in section
    assert "<title>Pakistan: Results 1</title>" in section  # beyond the ten the country filter lists
    assert "<title>Chile:" not in section  # not among the results
    assert '<a href="?q=water&amp;country=AO" rel="nofollow">' in section


def test_no_map_without_results(engine, client, site_tree):
    engine.ready()
    assert 'class="world-map"' not in client.get("/en/search/?q=zzqqxx").content.decode()
