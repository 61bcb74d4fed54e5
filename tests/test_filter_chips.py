"""The active filters of a list, shown above its results as chips that each remove one filter
(on a phone the filters themselves wait behind a disclosure)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def chips(response) -> list[tuple[str, str, str]]:
    return [(c["facet"], c["label"], c["remove_url"]) for c in response.context["chips"]]


def test_directory_chips_name_each_filter_and_remove_it_alone(client, site_tree):
    response = client.get("/en/members/?q=Awa&region=2&country=sn&page=2")
    assert chips(response) == [
        ("Name", "Awa", "?region=002&country=SN"),
        ("Region", "Africa", "?q=Awa&country=SN"),
        ("Country", "Senegal", "?q=Awa&region=002"),
    ]
    html = response.content.decode()
    assert '<ul class="chips" aria-label="Active filters">' in html
    assert '<a href="?q=Awa&amp;country=SN"><span class="visually-hidden">Remove filter </span>Region: Africa' in html


def test_request_list_chips_keep_the_list_shown(client, site_tree):
    response = client.get("/es/requests/?show=fulfilled&theme=energy&region=11")
    assert chips(response) == [
        ("Tema", "Energía", "?region=011&show=fulfilled"),
        ("Región", "África occidental", "?theme=energy&show=fulfilled"),
    ]
    assert chips(client.get("/en/requests/")) == []


def test_catalogue_chips_include_the_years(client, make_solution):
    make_solution(title="Wells")
    response = client.get("/en/solutions/?sdg=6&from=2010")
    assert [(c["facet"], c["label"], c["remove_url"]) for c in response.context["chips"]()] == [
        ("SDG", "6. Clean Water and Sanitation", "?from=2010"),
        ("From", "2010", "?sdg=6"),
    ]
