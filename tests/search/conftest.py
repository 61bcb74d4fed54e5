"""Search tests run once per engine with the same assertions: the database engine and a real
node (MINGA_TEST_SEARCH_URL, started by `make test`)."""

from __future__ import annotations

import os
import uuid

import pytest
from django.http import QueryDict

from search import breaker
from search.engines.clients import get_client
from search.engines.database import DatabaseEngine
from search.engines.node import NodeEngine
from search.query import SearchQuery
from search.reindex import reindex

NODE_URL = os.environ.get("MINGA_TEST_SEARCH_URL", "")


def require_node() -> str:
    if not NODE_URL:
        pytest.fail("MINGA_TEST_SEARCH_URL is not set: the search suite needs a real node (run `make test`).")
    return NODE_URL


@pytest.fixture(autouse=True)
def fresh_breaker():
    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture
def node(settings):
    """Points the site at the test node with an index of its own, removed afterwards."""
    settings.SEARCH_URL = require_node()
    settings.SEARCH_INDEX = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_TIMEOUT = 5
    engine = NodeEngine()
    yield engine
    client = get_client()
    for name in client.indices(f"{settings.SEARCH_INDEX}-*"):
        client.delete_index(name)


@pytest.fixture(params=["database", "node"])
def engine(request, settings, db):
    """Either engine, ready to search what the test created; call ``engine.ready()`` after
    creating content (the node needs an index build, the database needs nothing)."""
    if request.param == "node":
        engine = request.getfixturevalue("node")
        engine.ready = lambda: reindex(engine)
    else:
        engine = DatabaseEngine()
        engine.ready = lambda: None
    return engine


def ask(engine, **params) -> object:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return engine.search(SearchQuery.from_params(query))


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]
