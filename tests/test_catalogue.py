import re

import pytest

from solutions.models import SolutionPage


def titles(response) -> list[str]:
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.fixture
def sample(make_solution):
    return {
        "brazil": make_solution(
            title="Brazil to Mozambique school meals",
            provider_countries=["BR"],
            recipient_countries=["MZ"],
            sdgs=[2, 4],
            themes=["education"],
            modalities=["study-tour"],
            cooperation_type="triangular",
            status="completed",
            start_year=2010,
            end_year=2013,
        ),
        "india": make_solution(
            title="India solar lanterns for Kenya",
            provider_countries=["IN"],
            recipient_countries=["KE"],
            sdgs=[7],
            themes=["energy"],
            modalities=["training"],
            status="ongoing",
            start_year=2019,
            end_year=None,
        ),
        "chile": make_solution(
            title="Chile seismic codes in Peru",
            provider_countries=["CL"],
            recipient_countries=["PE"],
            sdgs=[11, 13],
            themes=["disaster-risk"],
            modalities=["expert-visit"],
            cooperation_type="regional",
            language="es",
            start_year=2005,
            end_year=2008,
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=002", {"brazil", "india"}),  # Africa: recipients MZ and KE
        ("region=005", {"brazil", "chile"}),  # South America: providers BR, CL and recipient PE
        ("region=014", {"brazil", "india"}),  # Eastern Africa, a sub-region
        ("country=KE", {"india"}),
        ("country=br", {"brazil"}),
        ("sdg=4", {"brazil"}),
        ("sdg=7&sdg=13", {"india", "chile"}),
        ("theme=energy", {"india"}),
        ("modality=expert-visit", {"chile"}),
        ("type=triangular", {"brazil"}),
        ("status=ongoing", {"india"}),
        ("language=es", {"chile"}),
        ("from=2012&to=2014", {"brazil"}),
        ("from=2020", {"india"}),
        ("to=2009", {"chile"}),
        ("region=002&sdg=7", {"india"}),
        ("sdg=99&theme=nonsense", {"brazil", "india", "chile"}),
    ],
)
def test_every_filter(client, sample, query, expected):
    response = client.get(f"/en/solutions/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == {sample[key].title for key in expected}


def test_facet_counts_stay_disjunctive_within_a_facet(client, sample):
    context = client.get("/en/solutions/?sdg=4").context
    sdg = next(f for f in context["facets"]() if f["param"] == "sdg")
    counts = {o["value"]: o["count"] for o in sdg["options"]}
    # Other SDG values keep their counts, so a second one can be added.
    assert counts["4"] == 1 and counts["7"] == 1 and counts["13"] == 1
    theme = next(f for f in context["facets"]() if f["param"] == "theme")
    assert {o["value"]: o["count"] for o in theme["options"]} == {"education": 1}


def test_sorts_by_title_and_views(client, sample):
    assert titles(client.get("/en/solutions/?sort=title")) == sorted(s.title for s in sample.values())
    client.get(sample["chile"].url)
    client.get(sample["chile"].url)
    client.get(sample["india"].url)
    assert titles(client.get("/en/solutions/?sort=views"))[:2] == [sample["chile"].title, sample["india"].title]


def test_pagination_keeps_filters_in_links(client, make_solution):
    for n in range(5):
        make_solution(title=f"Paged {n}", sdgs=[2])
    response = client.get("/en/solutions/?sdg=2&per_page=2&page=2")
    assert len(titles(response)) == 2
    assert "sdg=2&amp;page=3" in response.content.decode()
    assert client.get("/en/solutions/?page=999&per_page=2").status_code == 200


def test_unpublished_solutions_are_not_listed(client, make_solution):
    make_solution(title="Visible")
    draft = make_solution(title="Invisible")
    draft.unpublish()
    assert titles(client.get("/en/solutions/")) == ["Visible"]


def test_a_translation_is_listed_once_in_the_readers_language(client, make_solution):
    from solutions.translation import translate_solution

    original = make_solution(title="School meals")
    translate_solution(original, "es", title="Alimentación escolar", summary="Resumen")
    assert titles(client.get("/en/solutions/")) == ["School meals"]
    assert titles(client.get("/es/solutions/")) == ["Alimentación escolar"]
    assert titles(client.get("/fr/solutions/")) == ["School meals"]


def test_catalogue_query_count_does_not_grow_with_page_size_or_catalogue(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.bulk import bulk_solutions

    bulk_solutions(catalogue, 300)
    assert SolutionPage.objects.live().count() == 300
    client.get("/en/solutions/")  # warm the per-process caches (site root paths)
    counts = {}
    for url in (
        "/en/solutions/?per_page=12",
        "/en/solutions/?per_page=100&page=3",
        "/en/solutions/?region=002&sdg=2&sort=views",
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(titles(response)) > 0
        counts[url] = len(queries)
    assert max(counts.values()) <= CATALOGUE_QUERY_BUDGET, counts
    assert counts["/en/solutions/?per_page=12"] == counts["/en/solutions/?per_page=100&page=3"], counts


CATALOGUE_QUERY_BUDGET = 30


def test_long_facets_show_their_top_values_a_selected_one_and_a_link_to_the_rest(client, make_solution):
    import re

    countries = ["KE", "TZ", "UG", "RW", "MW", "ZM", "GH", "SN", "ML", "NE", "BF", "CI", "TG", "BJ"]
    for code in countries:
        make_solution(title=f"Village wells in {code}", provider_countries=["BR"], recipient_countries=[code])
    make_solution(title="More wells in Kenya", provider_countries=["BR"], recipient_countries=["KE"])

    def shown(html):
        return re.findall(r'name="country" value="([A-Z]{2})"', html)

    page = client.get("/en/solutions/").content.decode()
    assert len(shown(page)) == 10 and {"BR", "KE"} <= set(shown(page)) and "Show 5 more" in page
    link = re.search(r'href="\?([^"]*expand=country)"', page).group(1).replace("&amp;", "&")
    assert sorted(shown(client.get("/en/solutions/?" + link).content.decode())) == sorted(["BR", *countries])
    selected = client.get("/en/solutions/?country=BJ").content.decode()
    assert re.search(r'name="country" value="BJ"[^>]*checked', selected)
