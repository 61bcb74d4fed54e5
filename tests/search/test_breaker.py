"""The circuit breaker on the real node, behind a proxy that can hold searches back or refuse
them: one slow answer sends only its own search to the database engine, several in a row or a
refused connection open the breaker, and an open breaker lets one probe through."""

from __future__ import annotations

import threading
import time

import pytest

from search import breaker
from search.reindex import reindex

from .proxy import NodeProxy


@pytest.fixture
def proxied(node, settings, make_solution):
    make_solution(title="Solar pumps for irrigation", summary="Pumps for irrigation run on solar power.")
    reindex(node)
    real_url = settings.SEARCH_URL
    proxy = NodeProxy(real_url)
    settings.SEARCH_URL = proxy.url
    settings.SEARCH_TIMEOUT = 0.5
    settings.SEARCH_WARM_SECONDS = 0  # the test node has been up for a while: no warm-up timeout
    settings.SEARCH_BREAKER_SECONDS = 1
    yield proxy
    proxy.refuse()
    settings.SEARCH_URL = real_url  # for the node fixture's clean-up


def engine_of(client) -> str:
    answer = client.get("/api/v1/search/", {"q": "irrigation"}).json()
    assert answer["count"] == 1
    return answer["engine"]


@pytest.fixture(autouse=True)
def unlimited(settings):
    settings.RATELIMIT_ENABLE = False


def test_one_slow_answer_sends_only_its_own_search_to_the_database(client, proxied):
    assert engine_of(client) == "node"
    proxied.delay_next(1.0)
    started = time.perf_counter()
    assert engine_of(client) == "database"
    assert time.perf_counter() - started < 1.0
    assert not breaker.node_is_down()
    assert [engine_of(client) for _ in range(3)] == ["node"] * 3


def test_slow_answers_in_a_row_open_the_breaker(client, proxied):
    proxied.delay_next(1.0, count=3)
    assert [engine_of(client) for _ in range(3)] == ["database"] * 3
    assert breaker.node_is_down()
    asked = proxied.requests
    assert engine_of(client) == "database"
    assert proxied.requests == asked  # the node is left alone while the breaker is open


def test_a_refused_connection_opens_the_breaker_at_once(client, proxied):
    assert engine_of(client) == "node"
    proxied.refuse()
    assert engine_of(client) == "database"
    assert breaker.node_is_down()


def test_an_open_breaker_lets_one_probe_through_and_its_success_closes_it(client, proxied):
    assert engine_of(client) == "node"
    breaker.trip("a test")
    asked = proxied.requests
    assert engine_of(client) == "database" and proxied.requests == asked
    time.sleep(1.1)
    assert engine_of(client) == "node"  # the probe
    assert not breaker.node_is_down()
    assert engine_of(client) == "node"


def test_only_one_request_probes_at_a_time(settings):
    settings.SEARCH_BREAKER_SECONDS = 0
    breaker.trip("a test")
    turns = []
    threads = [threading.Thread(target=lambda: turns.append(breaker.allow())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert turns.count(breaker.PROBING) == 1 and turns.count(None) == 7


def test_a_failed_probe_opens_the_breaker_again(client, proxied, settings):
    settings.SEARCH_BREAKER_SECONDS = 0
    breaker.trip("a test")
    proxied.delay_next(1.0)
    assert engine_of(client) == "database"  # the probe timed out
    assert breaker.node_is_down() or breaker.allow()  # opened again (for zero seconds here)
    settings.SEARCH_BREAKER_SECONDS = 30
    breaker.trip("again")
    assert engine_of(client) == "database"


def test_a_node_that_has_just_started_gets_a_longer_timeout(client, proxied, settings):
    settings.SEARCH_WARM_SECONDS = 10**9  # every node is young
    settings.SEARCH_WARM_TIMEOUT = 3
    breaker.reset()  # forget the node's age read so far
    proxied.delay_next(1.0)
    assert engine_of(client) == "node"
    settings.SEARCH_WARM_SECONDS = 0
    breaker.reset()
    proxied.delay_next(1.0)
    assert engine_of(client) == "database"
