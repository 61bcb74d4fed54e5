"""Failed searches as demand: what people searched for and did not find, grouped by the theme,
goal and country their words or filters name, once searched without results three times."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def searches(client, site_tree, settings):
    settings.SEARCH_LOG_BATCH = 1

    def search(times: int, **params):
        for _ in range(times):
            client.get("/en/search/", params)

    return search


def unmet_section(client, language: str = "en") -> str:
    page = client.get(reverse("request_demand").replace("/en/", f"/{language}/")).content.decode()
    return page.split('id="unmet-heading"')[1].split("</section>")[0]


def test_searches_that_found_nothing_three_times_are_grouped_by_what_they_name(client, searches, make_solution):
    make_solution(title="Solar pumps")
    searches(3, q="desalination Mozambique")  # a country named in the words
    searches(3, q="Desalinización", country="KE")  # a country chosen as a filter, accents folded
    searches(4, q="ods 6 tarifas")  # a goal by its number, in Spanish
    searches(3, q="agua potable glaciares")  # SDG 6's Spanish name is not these words: other
    searches(3, q="zzyzx", theme="energy")  # a theme chosen as a filter
    searches(2, q="seen twice only")  # too rare to show
    searches(3, q="solar")  # found something
    section = unmet_section(client)
    by_country = section.split("By country")[1].split("</table>")[0]
    assert re.search(r"Mozambique</th><td><ul class=\"plain\"><li>“desalination mozambique” \(3\)", by_country)
    assert "Kenya" in by_country and "“desalinizacion” (3)" in by_country
    by_goal = section.split("By Sustainable Development Goal")[1].split("</table>")[0]
    assert "SDG 6: Clean Water and Sanitation" in by_goal and "“ods 6 tarifas” (4)" in by_goal
    assert "“zzyzx” (3)" in section.split("By theme")[1].split("</table>")[0]
    assert "“agua potable glaciares” (3)" in section.split("Other searches")[1]
    assert "seen twice only" not in section and "“solar”" not in section


def test_a_page_without_unmet_searches_says_so(client, searches):
    searches(2, q="nothing here")
    assert "Nothing yet" in unmet_section(client)


def test_each_table_names_what_its_rows_are(client, searches):
    """The first column is headed by the kind of its rows, in the reader's language: a table of
    countries is not headed "Tema" (the Spanish for both "topic" and "theme")."""
    searches(3, q="zzyzx", theme="energy")
    searches(3, q="desalination", country="KE")
    searches(3, q="ods 6 tarifas")
    section = unmet_section(client, "es")
    heads = re.findall(r'<h3>([^<]+)</h3>\s*<table class="data-table"><thead><tr><th scope="col">([^<]+)</th>', section)
    assert heads == [("Por tema", "Tema"), ("Por Objetivo de Desarrollo Sostenible", "ODS"), ("Por país", "País")]


def test_a_made_up_filter_value_is_no_topic(client, searches):
    """A filter's value that names no theme, goal or country is not shown as one: the search
    counts among the others."""
    searches(3, q="zzyzx", theme="no-such-theme", country="QQ", sdg="6")
    searches(3, q="qqxyz", theme="not-a-theme-either")
    section = unmet_section(client)
    assert "no-such-theme" not in section and "not-a-theme-either" not in section and "QQ" not in section
    assert "“zzyzx” (3)" in section.split("By Sustainable Development Goal")[1].split("</table>")[0]
    assert "“qqxyz” (3)" in section.split("Other searches")[1]
