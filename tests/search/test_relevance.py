"""success@3 over the judged query set (tests/search/relevance_set.json) on the demo corpus."""

import pytest
from django.core.management import call_command

from search.engines.database import DatabaseEngine
from search.reindex import reindex
from search.relevance import evaluate, success_at_3

MINIMUM = {"node": 0.95, "database": 0.85}


@pytest.fixture
def demo_corpus(db, monkeypatch):
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "relevance")
    call_command("seed_demo")


def report(name, outcomes) -> str:
    misses = [f"{o.kind}: {o.query!r} expected {o.expected} got {o.top}" for o in outcomes if not o.success]
    return f"{name} success@3 = {success_at_3(outcomes):.3f}; misses:\n" + "\n".join(misses)


def test_node_relevance(node, demo_corpus):
    reindex(node)
    outcomes = evaluate(node)
    assert len(outcomes) >= 30
    assert {"spanish", "french", "portuguese", "accentless", "stem", "typo", "place"} <= {o.kind for o in outcomes}
    assert success_at_3(outcomes) >= MINIMUM["node"], report("node", outcomes)


def test_database_relevance(demo_corpus):
    outcomes = evaluate(DatabaseEngine())
    assert success_at_3(outcomes) >= MINIMUM["database"], report("database", outcomes)
