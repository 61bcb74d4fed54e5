"""The world map of the catalogue and of the demand page: drawn on the server from the shipped
Natural Earth shapes, countries shaded by the current result set, each counted one a link adding
its filter, with titles and a table of the same counts."""

from __future__ import annotations

import re

import pytest

from exchange import lifecycle
from solutions.world_map import CountryLinks, shade, shapes, world_map

pytestmark = pytest.mark.django_db


def map_section(html: str) -> str:
    return html[
        html.index('<section class="world-map"') : html.index("</section>", html.index('<section class="world-map"'))
    ]


def test_the_shipped_shapes_cover_the_catalogues_countries():
    data = shapes()
    assert len(data["countries"]) > 170 and {"BR", "MZ", "NA", "XK", "FJ"} <= set(data["countries"])
    assert "AQ" not in data["countries"]
    assert all(re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", path) for path in data["countries"].values())


def test_the_static_sprite_is_drawn_from_the_shipped_shapes():
    """Pages draw the outlines from static/img/world-map.svg: it must hold the same shapes
    (scripts/world_map.py writes both)."""
    from solutions.world_map import SPRITE_FILE, sprite_document

    assert SPRITE_FILE.read_text() == sprite_document(shapes())


def test_shades_grow_with_the_count_and_nothing_counted_is_unshaded():
    assert [shade(n, 100) for n in (0, 1, 4, 36, 100)] == [0, 1, 1, 3, 5]
    drawn = world_map({"BR": 3, "MZ": 1}, CountryLinks("?country="))
    by_code = {c.code: c for c in drawn["countries"]}
    assert by_code["BR"].shade == 5 and by_code["MZ"].shade >= 1 and by_code["BR"].href == "?country=BR"
    assert "AO" not in by_code  # nothing counted: drawn unshaded with the rest of the world
    assert [row[0] for row in drawn["rows"]] == ["BR", "MZ"]


def test_the_table_lists_the_most_counted_first_then_by_name_and_the_legend_spans_each_shade():
    counts = {"MZ": 2, "AO": 2, "BR": 40, "KE": 1, "XX": 2}  # XX: no outline, in the table only
    drawn = world_map(counts, CountryLinks("?q=water&country=", frozenset({"AO"}), "?q=water&country=AO"))
    assert [row.code for row in drawn["rows"]] == ["BR", "AO", "MZ", "XX", "KE"]
    assert [c.code for c in drawn["countries"]] == list(counts)  # the map in the order counted
    assert drawn["legend"] == [(1, "1–2"), (5, "40")]
    by_code = {c.code: c for c in drawn["countries"]}
    assert by_code["MZ"].href == "?q=water&amp;country=MZ" and by_code["AO"].href == "?q=water&amp;country=AO"
    assert not by_code["XX"].drawn and by_code["KE"].drawn


def test_catalogue_map_counts_the_filtered_set_and_links_add_the_country(client, make_solution):
    make_solution(provider_countries=["BR"], recipient_countries=["MZ", "AO"], sdgs=[2])
    make_solution(provider_countries=["IN"], recipient_countries=["MZ"], sdgs=[2])
    make_solution(provider_countries=["CN"], recipient_countries=["KE"], sdgs=[4])
    section = map_section(client.get("/en/solutions/?sdg=2").content.decode())
    assert '<a href="?sdg=2&amp;country=MZ" rel="nofollow"><title>Mozambique: Solutions 2</title><use href=' in section
    assert re.search(r'<use href="[^"]*world-map[^"]*\.svg#MZ" class="shade-5"/></a>', section)
    assert "<title>Mozambique: Solutions 2</title>" in section
    assert "<title>Brazil: Solutions 1</title>" in section
    assert "Kenya" not in section  # outside the filtered set: not a link, no title
    assert "<path" not in section and len(section) < 5_000  # the outlines come from the static sprite
    assert '<th scope="row"><a href="?sdg=2&amp;country=MZ" rel="nofollow">Mozambique</a></th><td>2</td>' in section


def test_provider_or_recipient_countries_are_chosen_by_a_parameter(client, make_solution):
    make_solution(provider_countries=["BR"], recipient_countries=["MZ"])
    providers = map_section(client.get("/en/solutions/?map=provider").content.decode())
    assert "<title>Brazil:" in providers and "<title>Mozambique:" not in providers
    recipients = map_section(client.get("/en/solutions/?map=recipient").content.decode())
    assert "<title>Mozambique:" in recipients and "<title>Brazil:" not in recipients
    both = map_section(client.get("/en/solutions/?map=nonsense").content.decode())
    assert "<title>Mozambique:" in both and "<title>Brazil:" in both


def test_following_a_country_filters_the_catalogue(client, make_solution):
    make_solution(title="Seeds for Angola", recipient_countries=["AO"])
    make_solution(title="Wells in Kenya", recipient_countries=["KE"])
    section = map_section(client.get("/en/solutions/").content.decode())
    href = re.search(r'<a href="([^"]+)" rel="nofollow"><title>Angola', section).group(1)
    filtered = client.get("/en/solutions/" + href.replace("&amp;", "&")).content.decode()
    assert "Seeds for Angola" in filtered and "Wells in Kenya" not in filtered


def test_the_map_is_cached_with_the_page_and_follows_a_change(client, make_solution, page_cache):
    page = make_solution(recipient_countries=["AO"])
    client.get("/en/")
    client.get("/en/solutions/")
    assert client.get("/en/solutions/").get("X-Page-Cache") == "hit"
    page.recipient_countries = ["KE"]
    page.save_revision().publish()
    fresh = map_section(client.get("/en/solutions/").content.decode())
    assert "<title>Kenya:" in fresh and "<title>Angola:" not in fresh


def test_demand_map_shows_open_requests_against_solutions(client, make_solution, make_member):
    from solutions.models import Country

    make_solution(recipient_countries=["MZ"])
    asker = make_member()
    lifecycle.create(
        asker,
        publish=True,
        title="Clean tanks",
        challenge="Green water.",
        learn="Routines.",
        countries=list(Country.objects.filter(code__in=["MZ", "HN"])),
    )
    section = map_section(client.get("/en/requests/demand/").content.decode())
    assert "<title>Honduras: Open requests 1, Solutions 0</title>" in section
    assert "<title>Mozambique: Open requests 1, Solutions 1</title>" in section
    assert 'href="/en/requests/?country=HN"' in section
    listed = client.get("/en/requests/?country=HN").content.decode()
    assert "Clean tanks" in listed
    assert "Clean tanks" not in client.get("/en/requests/?country=BR").content.decode()


def test_the_catalogue_counts_countries_once_for_its_facet_and_its_map(client, make_solution):
    """With no country chosen the map shows the country facet's own counts: one query, not two."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_solution(provider_countries=["BR"], recipient_countries=["MZ"], sdgs=[2])
    client.get("/en/solutions/")
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/en/solutions/", {"sdg": "2"}).content.decode()
    country_counts = [q for q in captured if 'COUNT("solutions_solutionpage_countries"."solutionpage_id")' in q["sql"]]
    assert len(country_counts) == 1
    assert "Mozambique" in html.split('class="world-map"', 1)[1]
