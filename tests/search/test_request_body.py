"""The node's request body is put together from parts built once per shape of search (see
``search_body``): it must be the body built in full for that search, whatever its words."""

from __future__ import annotations

import datetime
import random

from search.documents import document_types
from search.engines.node import WORDS, build_search, facet_aggregations, search_body
from search.query import FACETS, SORTS, SearchQuery

TEXTS = ["water", "Agua potable en escuelas", "école", '"solar" AND (pumps)', "", "  ", "!!", WORDS, "water " + WORDS]
VALUES = ["BR", "6", "7", "es", "health", "2019", "x y", "ü"]  # the body copies them as they are


def built_in_full(query: SearchQuery, highlight_limit: str) -> dict:
    body = build_search(query, highlight_limit, datetime.date.today()).to_dict()
    body["aggs"] = {name: aggregation.to_dict() for name, aggregation in facet_aggregations(query).items()}
    return body


def values(facet: str) -> list[str]:
    return [kind.name for kind in document_types()] if facet == "type" else VALUES


def generated_queries(count: int, seed: int = 10) -> list[SearchQuery]:
    rng = random.Random(seed)
    queries = []
    for _ in range(count):
        names = rng.sample(FACETS, rng.choice([0, 0, 1, 1, 2, 3]))
        queries.append(
            SearchQuery(
                text=rng.choice(TEXTS) + rng.choice(["", " pumps", " 2019"]),
                filters={name: rng.sample(values(name), rng.randint(1, 2)) for name in names},
                sort=rng.choice(SORTS),
                page=rng.choice([1, 1, 2, 9]),
                page_size=rng.choice([10, 20]),
                expanded=tuple(rng.sample(FACETS, rng.choice([0, 0, 1]))),
            )
        )
    return queries


def test_every_body_is_the_one_built_in_full():
    for query in generated_queries(400):
        for limit in ("max_analyzer_offset", "max_analyzed_offset"):
            assert search_body(query, limit) == built_in_full(query, limit), query


def test_a_search_carries_its_own_words_only():
    first = search_body(SearchQuery(text="mangroves"))
    second = search_body(SearchQuery(text="lanterns"))
    assert "mangroves" in str(first) and "lanterns" not in str(first)
    assert "lanterns" in str(second) and "mangroves" not in str(second)
    assert WORDS not in str(second)
    first["query"]["bool"]["must"].clear()  # the part with the words is a copy, not the shape
    assert search_body(SearchQuery(text="mangroves")) == built_in_full(
        SearchQuery(text="mangroves"), "max_analyzer_offset"
    )
