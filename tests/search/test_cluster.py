"""A real two-node cluster on loopback (scripts/search-node.sh start-cluster): the index gets a
replica, and losing a node loses nothing: searches still come from the node engine, complete,
and the cluster returns to green when the node is back."""

from __future__ import annotations

import os
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from search import breaker
from search.engines.clients import get_client, node_info
from search.reindex import reindex

from .conftest import require_node

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "search-node.sh"
PORT = int(os.environ.get("MINGA_TEST_CLUSTER_PORT", "9262"))
NODES = [f"http://127.0.0.1:{PORT}", f"http://127.0.0.1:{PORT + 1}"]


def script(command: str, **env: str) -> None:
    env = {**os.environ, "SEARCH_PORT": str(PORT), "SEARCH_NODE_TIMEOUT": "180", **env}
    subprocess.run([str(SCRIPT), command], env=env, check=True, capture_output=True)


def second_node(command: str) -> None:
    """Stops or starts the cluster's data-only node by itself."""
    script(
        command,
        SEARCH_NODE_NAME="cluster-2",
        SEARCH_PORT=str(PORT + 1),
        SEARCH_TRANSPORT_PORT=str(PORT + 101),
        SEARCH_CLUSTER_SEEDS=f"127.0.0.1:{PORT + 100},127.0.0.1:{PORT + 101}",
        SEARCH_CLUSTER_MANAGERS="minga-search-cluster-1",
        SEARCH_NODE_ROLES="data,ingest",
    )


@pytest.fixture
def cluster(settings, node):
    script("start-cluster")
    settings.SEARCH_URL = ",".join(NODES)
    node_info.cache_clear()
    breaker.reset()
    yield
    for stale in get_client().indices(f"{settings.SEARCH_INDEX}-*"):
        get_client().delete_index(stale)
    script("stop-cluster")
    settings.SEARCH_URL = require_node()  # the node fixture cleans its own index there
    node_info.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_a_cluster_that_loses_a_node_still_answers_every_search_in_full(client, cluster, settings, make_solution):
    settings.RATELIMIT_ENABLE = False
    settings.SEARCH_TIMEOUT = 2
    for number in range(12):
        make_solution(title=f"Solar pumps {number}", summary="Pumps for irrigation run on solar power.")
    name, _count = reindex()
    client_ = get_client()
    assert client_.health(name)["status"] == "green"
    assert client_.raw.indices.get_settings(index=name)[name]["settings"]["index"]["auto_expand_replicas"] == "0-1"
    assert client_.health(name)["active_shards"] == 2  # a primary and its replica

    second_node("stop")
    answers = [client.get("/api/v1/search/", {"q": "pumps"}).json() for _ in range(10)]
    assert [a["engine"] for a in answers] == ["node"] * 10
    assert [a["count"] for a in answers] == [12] * 10  # the index is complete on the node left
    out = StringIO()
    call_command("search_check", stdout=out)  # the replicas follow the cluster: none on one node
    assert ", 1 nodes (1 with data), 0 unassigned shards" in out.getvalue()

    second_node("start")
    health = client_.health(name, "green", timeout=120)
    assert health["status"] == "green" and health["active_shards"] == 2  # the replica is back
    assert client.get("/api/v1/search/", {"q": "pumps"}).json()["count"] == 12

    settings.SEARCH_REPLICAS = 1  # a fixed replica: missing while its node is away
    name, _count = reindex()
    second_node("stop")
    assert [client.get("/api/v1/search/", {"q": "pumps"}).json()["count"] for _ in range(5)] == [12] * 5
    out = StringIO()
    call_command("search_check", stdout=out)
    assert "yellow, 1 nodes (1 with data), 1 unassigned shards" in out.getvalue()
    second_node("start")
    assert client_.health(name, "green", timeout=120)["status"] == "green"
