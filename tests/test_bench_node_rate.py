"""bench/run.py hands each run straight to the node NODE_RATE searches of the mix a second: a node
that answers faster runs past its slice and repeats searches, which the mix exists to prevent. The
slice must exceed every rate the node has been measured at (bench/results/*.json)."""

import json
from pathlib import Path

from bench.run import NODE_RATE

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results"


def test_the_node_runs_get_more_searches_a_second_than_the_node_ever_answered():
    rates = {
        f"{path.name} {name}": run["rps"]
        for path in RESULTS.glob("*.json")
        for name, run in json.loads(path.read_text(encoding="utf-8")).get("search_node", {}).get("at_load", {}).items()
    }
    assert rates, "no node-alone run recorded"
    fastest = max(rates, key=rates.get)
    assert rates[fastest] < NODE_RATE, f"{fastest} answered {rates[fastest]} a second"


def test_the_pinned_runs_get_more_searches_a_second_than_the_node_answered_there():
    from bench.pinned import NODE_RATE as PINNED_RATE

    rates = {
        f"{path.name} run {number}": run["node_rps"]
        for path in RESULTS.glob("*-pinned.json")
        for number, run in enumerate(json.loads(path.read_text(encoding="utf-8"))["runs"], 1)
    }
    assert rates, "no pinned run recorded"
    fastest = max(rates, key=rates.get)
    assert rates[fastest] < PINNED_RATE, f"{fastest} answered {rates[fastest]} a second"
