"""Search benchmark: seeds N solutions, then prints indexing throughput and query latency
(p50/p95) for both engines, next to the node's own `took` for the same queries.

    .venv/bin/python bench/search.py --solutions 2000 [--search-url http://127.0.0.1:9200]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import setup_django, summary, timed

QUERIES = [
    "water",
    "school meals",
    "educacion",
    "mangrve restoration",
    "cash transfers Kenya",
    "solar",
    "census tablets",
    "drought insurance",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--solutions", type=int, default=2000)
    parser.add_argument("--search-url", default=os.environ.get("SEARCH_URL", ""))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ["SEARCH_URL"] = ""  # the node is used explicitly below, not by every save
    setup_django("bench-search.sqlite3")

    from django.conf import settings
    from django.http import QueryDict

    from search.engines.database import DatabaseEngine
    from search.query import SearchQuery
    from solutions.models import SolutionIndexPage, SolutionPage

    existing = SolutionPage.objects.count()
    if existing < args.solutions:
        from tests.bulk import bulk_solutions

        started = time.perf_counter()
        bulk_solutions(SolutionIndexPage.objects.get(), args.solutions - existing, seed=existing + 1)
        print(f"seeded {args.solutions - existing} solutions in {time.perf_counter() - started:.1f}s")
    total = SolutionPage.objects.count()
    print(f"catalogue: {total} solutions")

    def run(engine, label):
        took = []
        samples = []
        for text in QUERIES:
            query = SearchQuery.from_params(QueryDict(f"q={text}"))
            samples += timed(lambda q=query: took.append(engine.search(q).engine_took_ms), args.repeat)
        line = f"{label:9s} {summary(samples)}"
        node_took = [t for t in took if t is not None]
        if node_took:
            from common import percentile

            line += f"   node took p50 {sorted(node_took)[len(node_took) // 2]:6.1f} ms  p95 {percentile(node_took, 95):6.1f} ms"
        print(line)

    run(DatabaseEngine(), "database")
    if args.search_url:
        settings.SEARCH_URL = args.search_url
        settings.SEARCH_INDEX = "bench-content"
        settings.SEARCH_TIMEOUT = 30
        from search.engines.node import NodeEngine
        from search.reindex import reindex

        started = time.perf_counter()
        _name, documents = reindex(NodeEngine())
        elapsed = time.perf_counter() - started
        print(f"indexing  {documents} documents in {elapsed:.1f}s = {documents / elapsed:.0f} documents/s")
        run(NodeEngine(), "node")


if __name__ == "__main__":
    main()
