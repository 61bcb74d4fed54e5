"""A real node of its own, stopped and started again: the site answers from the database while
it is down, and from the node for the first searches after it is back (a cold node's first
answers are slow; the site waits longer for a node that has just started)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from search import breaker
from search.engines.clients import node_info
from search.reindex import reindex

from .conftest import require_node

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "search-node.sh"
PORT = os.environ.get("MINGA_TEST_RESTART_PORT", "9261")


def run_node(command: str, **env: str) -> None:
    env = {**os.environ, "SEARCH_NODE_NAME": "restart-test", "SEARCH_PORT": PORT, "SEARCH_NODE_TIMEOUT": "180", **env}
    subprocess.run([str(SCRIPT), command], env=env, check=True, capture_output=True)


@pytest.fixture
def own_node(settings, node):
    run_node("start", SEARCH_NODE_RESET="1")  # no index left from an earlier run
    settings.SEARCH_URL = f"http://127.0.0.1:{PORT}"
    node_info.cache_clear()
    yield
    run_node("stop")
    settings.SEARCH_URL = require_node()  # the node fixture cleans its index up there
    node_info.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_after_a_restart_the_first_searches_are_the_nodes(client, own_node, settings, make_solution):
    settings.RATELIMIT_ENABLE = False
    settings.SEARCH_TIMEOUT = 0.8
    settings.SEARCH_BREAKER_SECONDS = 1
    make_solution(title="Solar pumps for irrigation", summary="Pumps for irrigation run on solar power.")
    reindex()
    breaker.reset()

    def engines(count: int) -> list[str]:
        return [client.get("/api/v1/search/", {"q": "irrigation"}).json()["engine"] for _ in range(count)]

    assert engines(1) == ["node"]
    run_node("stop")
    assert engines(1) == ["database"]  # refused: the breaker opens
    run_node("start")
    time.sleep(1.1)  # the breaker's open period
    assert engines(20) == ["node"] * 20
    run_node("stop")
    run_node("start")  # restarted while nobody searched
    assert engines(20) == ["node"] * 20
