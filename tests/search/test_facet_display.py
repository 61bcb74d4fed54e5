"""The search page shows each facet's most frequent values; the rest are one link away."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

COUNTRIES = ["KE", "TZ", "UG", "RW", "MW", "ZM", "GH", "SN", "ML", "NE", "BF", "CI", "TG", "BJ"]


@pytest.fixture
def wells(make_solution):
    for code in COUNTRIES:
        make_solution(title=f"Village wells in {code}", provider_countries=["BR"], recipient_countries=[code])
    make_solution(title="More village wells in Kenya", provider_countries=["BR"], recipient_countries=["KE"])


def country_options(page: str) -> list[str]:
    return re.findall(r'name="country" value="([A-Z]{2})"', page)


def test_long_facets_show_their_top_values_and_a_link_to_the_rest(client, wells):
    page = client.get("/en/search/", {"q": "wells"}).content.decode()
    shown = country_options(page)
    # Brazil (every solution) and Kenya (two) lead; ten values in all, the rest behind the link.
    assert len(shown) == 10 and {"BR", "KE"} <= set(shown)
    assert "Show all values of country" in page
    link = re.search(r'href="\?([^"]*expand=country)"', page).group(1).replace("&amp;", "&")
    everything = client.get("/en/search/?" + link).content.decode()
    assert sorted(country_options(everything)) == sorted(["BR", *COUNTRIES])
    assert "Show all" not in everything.split('name="country"')[-1].split("</fieldset>")[0]


def test_a_selected_value_is_always_shown(client, wells):
    page = client.get("/en/search/", {"q": "wells", "country": "BJ"}).content.decode()
    assert re.search(r'name="country" value="BJ"[^>]*checked', page)


def test_each_active_filter_is_a_chip_labelled_as_its_facet_value_is(client, wells):
    """The chips name each selected value as the facet does (a country by its name), and each
    removes its own filter only."""
    response = client.get("/en/search/", {"q": "wells", "country": ["BJ", "KE"], "type": "solution"})
    chips = [(c["facet"], c["label"]) for c in response.context["chips"]]
    assert chips == [("Type", "Solution"), ("Country", "Benin"), ("Country", "Kenya")]
    removing_benin = next(c["remove_url"] for c in response.context["chips"] if c["label"] == "Benin")
    assert "country=KE" in removing_benin and "BJ" not in removing_benin and "type=solution" in removing_benin
