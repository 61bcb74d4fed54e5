"""Measures success@3 of an engine over the judged query set in tests/search/relevance_set.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.http import QueryDict

from search.query import SearchQuery
from solutions.models import SolutionPage

JUDGEMENTS = Path(__file__).resolve().parent.parent / "tests" / "search" / "relevance_set.json"


@dataclass
class Judged:
    query: str
    kind: str
    expected: list[str]
    top: list[str]

    @property
    def success(self) -> bool:
        return bool(set(self.expected) & set(self.top[:3]))


def evaluate(engine, judgements: list[dict] | None = None) -> list[Judged]:
    judgements = judgements or json.loads(JUDGEMENTS.read_text(encoding="utf-8"))
    external = dict(SolutionPage.objects.values_list("pk", "external_id"))
    outcomes = []
    for item in judgements:
        params = QueryDict(mutable=True)
        params["q"] = item["query"]
        results = engine.search(SearchQuery.from_params(params))
        top = [
            external.get(int(h.object_id), f"{h.type}:{h.object_id}")
            if h.type == "solution"
            else f"{h.type}:{h.object_id}"
            for h in results.hits[:3]
        ]
        outcomes.append(Judged(item["query"], item.get("kind", ""), item["expected"], top))
    return outcomes


def success_at_3(outcomes: list[Judged]) -> float:
    return sum(o.success for o in outcomes) / len(outcomes)
