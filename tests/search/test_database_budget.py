"""A database-engine search never holds a worker past its budget: the statement is stopped (a
statement timeout on PostgreSQL, a progress handler on SQLite), the page says search is busy
and the API answers 503 with Retry-After; while the node is out, only a few run at once."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.db import connection

from search import breaker, service
from search.engines.deadline import SearchBusy, limited

pytestmark = pytest.mark.django_db

SLOW_SQL = {
    "postgresql": "SELECT pg_sleep(5)",
    "sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50000000) SELECT count(*) FROM n",
}


def test_a_slow_statement_is_stopped_at_the_budget():
    started = time.perf_counter()
    with pytest.raises(SearchBusy), limited(0.3) as deadline:
        deadline.bound()
        with connection.cursor() as cursor:
            cursor.execute(SLOW_SQL[connection.vendor])
    assert time.perf_counter() - started < 2.0
    with connection.cursor() as cursor:  # the connection is usable afterwards, with no limit left
        cursor.execute("SELECT 1")
        if connection.vendor == "postgresql":
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


def test_past_its_budget_the_page_says_busy_and_the_api_answers_503(client, make_solution, settings):
    make_solution(title="Solar pumps")
    settings.SEARCH_DATABASE_BUDGET = 0
    page = client.get("/en/search/", {"q": "solar"})
    assert page.status_code == 200
    assert "Search is busy right now" in page.content.decode()
    api = client.get("/api/v1/search/", {"q": "solar"})
    assert api.status_code == 503 and int(api["Retry-After"]) > 0
    assert "busy" in api.json()["error"]["message"]
    assert client.get("/api/v1/search/suggest/", {"q": "sola"}).json() == {"suggestions": []}
    settings.SEARCH_DATABASE_BUDGET = 5
    assert client.get("/api/v1/search/", {"q": "solar"}).json()["count"] == 1


def test_while_the_node_is_out_a_fallback_search_waits_for_no_slot(client, make_solution, settings):
    make_solution(title="Solar pumps")
    settings.SEARCH_URL = "http://127.0.0.1:9"
    breaker.trip("a test")
    assert client.get("/api/v1/search/", {"q": "solar"}).json()["engine"] == "database"
    cache.add(service.SLOT.format(number=0), "another worker's search", timeout=5)
    assert client.get("/api/v1/search/", {"q": "solar"}).status_code == 503
    assert "Search is busy right now" in client.get("/en/search/", {"q": "solar"}).content.decode()
    settings.SEARCH_DATABASE_SEARCHES = 2
    assert client.get("/api/v1/search/", {"q": "solar"}).status_code == 200
