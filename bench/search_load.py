"""The search part of the load run: a long-tail mix of searches none of which is asked twice in a
run (so no cache answers them), sent to the page, to the API and straight to the node, beside a
reference query on the same index (a multi_match on title, summary and body with four terms
facets, nothing else), so the cost of the site's query reads as a ratio in one run.

Runs inside Django (bench.settings: the same database, index and cache as the servers)."""

from __future__ import annotations

import json
import statistics
from urllib.parse import urlencode

from bench.common import percentile
from bench.query_mix import as_query_string, query_mix

REQUESTS_PER_SECOND = 400  # more than the page or the API answers: a run never runs out of searches


class Mix:
    """Hands out searches from one long mix, each once."""

    def __init__(self, count: int, seed: int = 14) -> None:
        self.searches = query_mix(count, seed=seed)
        self.used = 0

    def take(self, count: int) -> list[dict[str, list[str]]]:
        if self.used + count > len(self.searches):
            raise RuntimeError(f"the search mix ran out ({len(self.searches)} searches): make it longer")
        taken = self.searches[self.used : self.used + count]
        self.used += count
        return taken

    def paths(self, path: str, seconds: int, rate: int = REQUESTS_PER_SECOND) -> list[str]:
        return [f"{path}?{as_query_string(params)}" for params in self.take(seconds * rate)]


def site_body(params: dict[str, list[str]]) -> dict:
    from django.http import QueryDict

    from search.engines.clients import get_client
    from search.engines.node import search_body
    from search.query import SearchQuery

    query = SearchQuery.from_params(QueryDict(as_query_string(params)))
    return search_body(query, get_client().highlight_limit)


def reference_body(params: dict[str, list[str]]) -> dict:
    from elasticsearch.dsl import A, Q, Search

    search = Search().query(Q("multi_match", query=params["q"][0], fields=["title", "summary", "body"]))
    for field in ("type", "sdgs", "themes", "countries"):
        search.aggs.bucket(field, A("terms", field=field, size=10))
    return search.extra(size=10).to_dict()


def node_lines(index: str, searches: list[dict], body) -> list[str]:
    """wrk lines that POST each search's body to the node's _search."""
    return [f"/{index}/_search\t{json.dumps(body(params), separators=(',', ':'))}" for params in searches]


def sequential_took(index: str, searches: list[dict]) -> dict:
    """The node's own took for the site's query and the reference, one search at a time (no
    queueing), interleaved so both meet the same machine."""
    from search.engines.clients import get_client

    client = get_client(timeout=30)
    took: dict[str, list[int]] = {"site": [], "reference": []}
    found: dict[str, list[int]] = {"site": [], "reference": []}
    for params in searches:
        for name, body in (("site", site_body), ("reference", reference_body)):
            answer = client.search(index, body(params))
            took[name].append(answer["took"])
            found[name].append(answer["hits"]["total"]["value"])
    result = {name: took_summary(values) for name, values in took.items()}
    result["searches"] = len(searches)
    result["ratio_p50"] = round(result["site"]["mean_ms"] / max(result["reference"]["mean_ms"], 0.01), 2)
    result.update(found_by_both(took, found))
    return result


def found_by_both(took: dict[str, list[int]], found: dict[str, list[int]]) -> dict:
    """The reference reads neither the facts (countries, themes, tags) nor the typo-tolerant title,
    so it finds nothing for many searches of the mix and answers those in no time: its took,
    also over the searches it found something for, where both queries do comparable work."""
    both = [i for i, count in enumerate(found["reference"]) if count and found["site"][i]]
    figures = {
        "found_nothing": {name: sum(1 for count in counts if not count) for name, counts in found.items()},
        "found_by_both": len(both),
    }
    if both:
        for name in ("site", "reference"):
            figures[f"{name}_where_both_found"] = took_summary([took[name][i] for i in both])
    return figures


def took_summary(values: list[int]) -> dict:
    return {
        "p50_ms": statistics.median(values),
        "p95_ms": percentile(values, 95),
        "mean_ms": round(statistics.mean(values), 2),
    }


def warm(index: str, searches: list[dict]) -> None:
    """A few searches with a long timeout: a node fresh from a reindex answers its first searches
    slowly, and they must not be what the run measures."""
    from search.engines.clients import get_client

    client = get_client(timeout=30)
    for params in searches:
        client.search(index, site_body(params))


def search_url(path: str, text: str) -> str:
    return f"{path}?{urlencode({'q': text})}"
