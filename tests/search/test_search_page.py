"""The search page: one node request per search, facet labels read once until something changes,
and pagination links that stay few however many results a search finds."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines.clients import NodeClient, get_client
from search.reindex import reindex
from solutions.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def twelve_pumps(settings, make_solution):
    settings.SEARCH_PAGE_SIZE = 1
    for number in range(12):
        make_solution(title=f"Solar pumps {number}")


def page_links(page: str) -> list[str]:
    nav = re.search(r'<nav class="pagination".*?</nav>', page, re.S).group(0)
    return re.findall(r">([^<>]+)</(?:a|span)>", nav)


def test_pagination_links_the_ends_and_the_pages_around_the_current_one(client, twelve_pumps):
    first = client.get("/en/search/", {"q": "pumps"}).content.decode()
    assert page_links(first) == ["1", "2", "3", "…", "12", "Next"]
    middle = client.get("/en/search/", {"q": "pumps", "page": "6"}).content.decode()
    assert page_links(middle) == ["Previous", "1", "…", "4", "5", "6", "7", "8", "…", "12", "Next"]
    assert re.search(r'href="\?q=pumps&amp;page=6" aria-current="page"', middle)
    assert re.search(r'href="\?q=pumps&amp;page=7" rel="next"', middle)


def test_pagination_stops_at_the_last_page_a_search_can_reach(client, twelve_pumps, monkeypatch):
    monkeypatch.setattr("search.views.MAX_PAGE", 5)
    page = client.get("/en/search/", {"q": "pumps", "page": "5"}).content.decode()
    assert page_links(page) == ["Previous", "1", "2", "3", "4", "5"]


def test_a_search_page_asks_the_node_once_and_for_spelling_only_when_it_finds_little(
    client, node, make_solution, monkeypatch, settings
):
    for number in range(5):
        make_solution(title=f"Solar pumps {number}", summary="Pumps run on solar power.")
    make_solution(title="Drip lines", summary="Drip irrigation, drop by drop.")
    reindex(node)
    requests = []
    ask = NodeClient.search
    monkeypatch.setattr(NodeClient, "search", lambda self, *args: requests.append(args) or ask(self, *args))
    page = client.get("/en/search/", {"q": "solar pumps"}).content.decode()
    assert "<mark>" in page and 'class="count"' in page and "Did you mean" not in page
    assert len(requests) == 1
    page = client.get("/en/search/", {"q": "drip irigation"}).content.decode()
    assert "<mark>" in page and "Did you mean" in page and "irrigation" in page.split("Did you mean")[1]
    assert len(requests) == 3  # few results: one more request, for "did you mean"
    assert get_client() is get_client()  # one client per process, reusing its connections


def test_a_search_reads_the_shared_cache_once(client, node, page_cache, make_solution, monkeypatch):
    """The breaker's state and the request's generation (for the site's chrome and labels, which
    the process keeps) come in one round trip; a change to either is still seen at once."""
    from core import page_cache as pages
    from search import breaker

    make_solution(title="Solar pumps", summary="Pumps run on solar power.")
    reindex(node)
    for _ in range(2):  # the first visit also creates the site's settings, a change
        client.get("/en/search/", {"q": "pumps"})
    store, reads, inside = pages.cache(), [], []
    get, get_many = store.get, store.get_many

    def read_one(key, *args, **kwargs):
        if not inside:  # not a get_many's own reads (the test cache has no MGET)
            reads.append(("get", key))
        return get(key, *args, **kwargs)

    def read_many(keys, *args, **kwargs):
        reads.append(("get_many", list(keys)))
        inside.append(True)
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(store, "get", read_one)
    monkeypatch.setattr(store, "get_many", read_many)
    page = client.get("/en/search/", {"q": "solar"}).content.decode()
    assert "Solar pumps" in page and "simpler search" not in page
    assert reads == [("get_many", [pages.GENERATION_KEY, breaker.OPEN_UNTIL])]
    breaker.trip("test: the node is down")  # another process's doing: seen on the next search
    assert "simpler search" in client.get("/en/search/", {"q": "solar"}).content.decode()


def vocabulary_queries(queries) -> list[str]:
    tables = ("solutions_region", "solutions_sdg", "solutions_theme", "solutions_modality")
    return [q["sql"] for q in queries if any(f'FROM "{table}"' in q["sql"] for table in tables)]


def test_facet_labels_are_read_once_until_the_vocabulary_changes(client, node, page_cache, make_solution):
    make_solution(title="Seed banks for drought", themes=["food-security"])
    reindex(node)
    for _ in range(2):  # the first visit also creates the site's settings, a change
        client.get("/en/search/", {"q": "seed"})
    with CaptureQueriesContext(connection) as again:
        page = client.get("/en/search/", {"q": "seed"}).content.decode()
    assert not vocabulary_queries(again.captured_queries)
    assert 'value="food-security"' in page
    theme = Theme.objects.get(slug="food-security")
    theme.name_en = "Food and seeds"
    theme.save()
    assert re.search(
        r'for="s-theme-food-security">Food and seeds <', client.get("/en/search/", {"q": "seed"}).content.decode()
    )


def test_a_document_longer_than_the_node_highlights_is_still_found(client, node, make_solution):
    long_story = "Seaweed farmers met every month. " * 32_000  # past the node's 1,000,000 characters
    make_solution(title="Seaweed cooperatives", summary="Farmers dry seaweed together.", challenge=long_story)
    reindex(node)
    response = client.get("/api/v1/search/", {"q": "seaweed"})
    assert response.json()["engine"] == "node" and response.json()["count"] == 1
    assert "<mark>" in response.json()["results"][0]["snippet"]
