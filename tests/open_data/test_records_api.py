"""The records API: the catalogue's filters, cursor pages, the whole record in a chosen language
with its licence and organisations, 304s for clients that have an answer, rate limits, queries
that do not grow with the data."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solutions.models import Organisation
from solutions.translation import translate_solution

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [record["id"] for record in response.json()["results"]]


def test_filters_are_the_catalogues(client, make_solution):
    water = make_solution(sdgs=[6], recipient_countries=["MZ"], themes=["water-sanitation"])
    food = make_solution(sdgs=[2], recipient_countries=["HN"])
    assert ids(client.get("/api/v1/solutions/?sdg=6")) == [water.pk]
    assert ids(client.get("/api/v1/solutions/?region=2")) == [water.pk]  # Africa, unpadded
    assert ids(client.get("/api/v1/solutions/?country=HN&country=MZ")) == [water.pk, food.pk]
    assert ids(client.get("/api/v1/solutions/?theme=water-sanitation&sdg=2")) == []
    assert client.get("/api/v1/solutions/?sdg=6").json()["count"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("sdg=18", "sdg"),
        ("country=ZZ", "country"),
        ("from=99", "from"),
        ("limit=101", "limit"),
        ("lang=de", "lang"),
        ("cursor=x", "cursor"),
    ],
)
def test_unreadable_parameters_are_a_400_naming_them(client, site_tree, query, field):
    response = client.get(f"/api/v1/solutions/?{query}")
    assert response.status_code == 400 and response.json()["error"]["field"] == field


def test_cursor_pages_walk_every_record_once(client, make_solution):
    made = [make_solution().pk for _ in range(5)]
    seen, url = [], "/api/v1/solutions/?limit=2"
    while url:
        answer = client.get(url).json()
        assert answer["count"] == 5
        seen += [record["id"] for record in answer["results"]]
        url = answer["next"]
    assert seen == sorted(made)


def test_a_record_is_whole_with_licence_organisations_and_address(client, make_solution):
    abc = Organisation.objects.create(name="Agência Brasileira de Cooperação", short_name="ABC", kind="government")
    page = make_solution(
        partners=[{"organisation": abc.pk, "role": "facilitator"}, {"name": "Typed Only", "role": "recipient"}],
        licence="CC-BY-SA-4.0",
        key_figures=[{"label": "schools", "value": "120"}],
    )
    page.partners.filter(name="Typed Only").update(organisation=None)  # typed, not yet linked
    record = client.get(f"/api/v1/solutions/{page.pk}/").json()
    assert record["licence"] == {
        "id": "CC-BY-SA-4.0",
        "name": "CC BY-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    }
    facilitator = record["partners"][0]
    assert facilitator["role"] == "facilitator" and facilitator["organisation"]["short_name"] == "ABC"
    assert facilitator["organisation"]["url"].endswith(abc.get_absolute_url())
    assert record["partners"][1]["organisation"] is None
    assert record["url"] == f"http://testserver{page.url}" and record["last_modified"]
    assert record["key_figures"] == [{"label": "schools", "value": "120"}]


def test_a_chosen_language_answers_with_the_translation(client, make_solution):
    page = make_solution(title="School meals")
    spanish = translate_solution(page, "es", publish=False)
    spanish.title = "Comidas escolares"
    spanish.save_revision().publish()
    assert client.get(f"/api/v1/solutions/{page.pk}/?lang=es").json()["title"] == "Comidas escolares"
    listed = client.get("/api/v1/solutions/?lang=es").json()
    assert [r["title"] for r in listed["results"]] == ["Comidas escolares"]
    assert client.get("/api/v1/solutions/?lang=en").json()["results"][0]["title"] == "School meals"


def test_unknown_or_unpublished_records_are_a_json_404(client, make_solution):
    draft = make_solution(publish=False)
    for path in (f"/api/v1/solutions/{draft.pk}/", "/api/v1/solutions/99999999/", "/api/v1/nothing-here/"):
        response = client.get(path)
        assert response.status_code == 404, path
    assert client.get(f"/api/v1/solutions/{draft.pk}/").json()["error"]["field"] == "solution_id"


def test_a_client_with_the_answer_gets_a_304(client, make_solution):
    page = make_solution()
    first = client.get("/api/v1/solutions/")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get("/api/v1/solutions/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get("/api/v1/solutions/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    one = client.get(f"/api/v1/solutions/{page.pk}/")
    assert client.get(f"/api/v1/solutions/{page.pk}/", HTTP_IF_NONE_MATCH=one["ETag"]).status_code == 304
    page.title = "Renamed"
    page.save_revision().publish()
    assert client.get("/api/v1/solutions/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_answers_in_a_named_language_are_cached_and_still_answer_304(client, make_solution, page_cache):
    make_solution()
    url = "/api/v1/solutions/?lang=en"
    client.get("/en/")
    first = client.get(url)
    cached = client.get(url)
    assert cached.get("X-Page-Cache") == "hit" and cached.content == first.content
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.get("X-Page-Cache") == "hit" and again.content == b""


def test_visitors_are_rate_limited(client, site_tree):
    statuses = [client.get("/api/v1/organisations/").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429


def test_organisations_are_listed_and_filtered(client, site_tree):
    ngo = Organisation.objects.create(name="Water For All", kind="ngo", languages=",en,pt,")
    ngo.countries.add("MZ")
    Organisation.objects.create(name="Ministry", kind="government")
    merged = Organisation.objects.create(name="Old name", merged_into=ngo)
    answer = client.get("/api/v1/organisations/?kind=ngo&country=MZ").json()
    assert [o["name"] for o in answer["results"]] == ["Water For All"]
    assert answer["results"][0]["languages"] == ["en", "pt"]
    assert merged.pk not in [o["id"] for o in client.get("/api/v1/organisations/").json()["results"]]
    assert client.get("/api/v1/organisations/?q=water").json()["count"] == 1


def test_openapi_schema_and_the_page_for_people(client, site_tree):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/api/v1/solutions/{solution_id}/" in schema["paths"]
    page = client.get("/en/open-data/api/")
    assert page.status_code == 200 and "/api/v1/openapi.json" in page.content.decode()


def count_queries(client, url: str) -> int:
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_data(client, make_solution, settings):
    settings.RATELIMIT_ENABLE = False

    def add(n):
        for i in range(n):
            organisation = Organisation.objects.create(name=f"Org {n}-{i}")
            organisation.countries.add("BR")
            make_solution(
                partners=[{"organisation": organisation.pk, "role": "provider"}, {"name": f"T{i}", "role": "funder"}],
                links=[{"title": "x", "url": "https://example.org"}],
                key_figures=[{"label": "a", "value": "1"}],
                funding_sources=["F"],
            )

    add(2)
    small = [count_queries(client, url) for url in ("/api/v1/solutions/", "/api/v1/organisations/")]
    add(15)
    large = [count_queries(client, url) for url in ("/api/v1/solutions/", "/api/v1/organisations/")]
    assert large == small


def test_the_page_for_people_documents_the_search_api_it_answers_with(client, make_solution, settings):
    """Every parameter the search API reads and every field of its answer is named on the page,
    in each language (the names are the API's own, never translated)."""
    from search.query import FACETS

    settings.RATELIMIT_ENABLE = False
    make_solution(title="Rainwater harvesting")
    answer = client.get("/api/v1/search/", {"q": "rainwater"}).json()
    names = {"q", "sort", "page", "relevance", "date", *FACETS, *answer, *answer["results"][0]}
    for language in ("en", "es", "fr", "pt"):
        page = client.get(f"/{language}/open-data/api/").content.decode()
        assert "/api/v1/search/?q=" in page and "/api/v1/search/suggest/?q=" in page and "503" in page
        missing = sorted(name for name in names if not re.search(rf"\b{name}\b", page))
        assert not missing, (language, missing)
