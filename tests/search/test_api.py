import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()


def test_search_api_returns_results_facets_and_suggestion(client, make_solution):
    make_solution(title="Cold chain for vaccines", sdgs=[3], summary="Solar fridges keep vaccines cold")
    response = client.get("/api/v1/search/", {"q": "vaccines", "sdg": "3"})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    result = data["results"][0]
    assert set(result) == {"type", "title", "url", "snippet", "language", "date"}
    assert result["title"] == "Cold chain for vaccines" and result["url"].startswith("http://testserver/")
    assert {"value": "3", "label": "3. Good Health and Well-being", "count": 1} in data["facets"]["sdg"]
    assert set(data["facets"]) == {
        "type",
        "language",
        "region",
        "country",
        "sdg",
        "theme",
        "modality",
        "year",
        "status",
    }
    assert "suggestion" in data


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x", "sdg": "99"}, "sdg"),
        ({"q": "x", "type": "spaceship"}, "type"),
        ({"q": "x", "page": "0"}, "page"),
        ({"q": "x", "page": "abc"}, "page"),
        ({"q": "x", "sort": "random"}, "sort"),
        ({"q": "x" * 201}, "q"),
        ({"q": "x", "region": "<script>"}, "region"),
        # Of the right form, but naming nothing the vocabularies hold.
        ({"q": "x", "region": "999"}, "region"),
        ({"q": "x", "theme": "no-such-theme"}, "theme"),
        ({"q": "x", "modality": "telepathy"}, "modality"),
        (
            {"q": "x", "theme": "health", "modality": "study-tour", "region": "2", "sdg": "3", "country": "ZZ"},
            "country",
        ),
    ],
)
def test_invalid_parameters_get_a_400_with_a_json_error(client, site_tree, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_suggest_api_returns_at_most_ten(client, make_solution):
    for n in range(12):
        make_solution(title=f"Water point {n}")
    data = client.get("/api/v1/search/suggest/", {"q": "water"}).json()
    assert 1 <= len(data["suggestions"]) <= 10
    assert all(s.startswith("Water point") for s in data["suggestions"])


def test_api_is_rate_limited_with_retry_after(client, site_tree):
    codes = [client.get("/api/v1/search/", {"q": "x"}).status_code for _ in range(61)]
    assert codes[:60] == [200] * 60
    assert codes[60] == 429
    response = client.get("/api/v1/search/", {"q": "x"})
    assert response["Retry-After"] == "60"
    assert "error" in response.json()


def test_search_page_shows_facets_results_and_zero_result_help(client, make_solution):
    make_solution(title="Rainwater harvesting", summary="Rainwater tanks for schools", themes=["water-sanitation"])
    html = client.get("/en/search/", {"q": "rainwater"}).content.decode()
    assert "Rainwater harvesting" in html and "<mark>" in html
    assert 'name="theme" value="water-sanitation"' in html
    empty = client.get("/en/search/", {"q": "zzzzqqq"}).content.decode()
    assert "Nothing found for “zzzzqqq”" in empty
    spanish = client.get("/es/search/", {"q": "rainwater"}).content.decode()
    assert '<html lang="es">' in spanish and "/es/solutions/" in spanish


def test_search_page_and_api_report_their_time_in_server_timing(client, site_tree):
    for url in ("/en/search/", "/api/v1/search/"):
        timing = client.get(url, {"q": "water"})["Server-Timing"]
        assert timing.startswith("search;dur=") and float(timing.split("=")[1].split(",")[0]) >= 0
    assert "render;dur=" in client.get("/en/search/", {"q": "water"})["Server-Timing"]


def test_every_country_of_the_catalogue_is_a_country_filter(client, make_solution):
    """Kosovo's XK is in the UN M49 table and the catalogue, not in ISO 3166-1: the API refused the
    filter its own facet offered."""
    make_solution(title="Municipal water boards", recipient_countries=["XK"])
    response = client.get("/api/v1/search/", {"q": "water", "country": "XK"})
    assert response.status_code == 200 and response.json()["count"] == 1
    assert {"value": "XK", "label": "Kosovo", "count": 1} in response.json()["facets"]["country"]


def test_the_page_drops_filter_values_the_vocabularies_do_not_hold(client, make_solution):
    """A made-up theme, modality or region is no filter on the page: the search runs without it
    and the page shows no such value as selected."""
    make_solution(title="Rainwater harvesting", themes=["water-sanitation"])
    html = client.get("/en/search/", {"q": "rainwater", "theme": "no-such-theme", "region": "999"}).content.decode()
    assert "Rainwater harvesting" in html
    assert 'value="no-such-theme"' not in html and 'value="999"' not in html  # no box, no chip
    narrowed = client.get("/en/search/", {"q": "rainwater", "theme": ["no-such-theme", "health"]}).content.decode()
    assert "Rainwater harvesting" not in narrowed and 'value="no-such-theme"' not in narrowed  # "health" still filters
