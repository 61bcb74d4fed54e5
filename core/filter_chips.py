"""Active filters as removable chips above a list's results: on a phone the filters wait behind a
disclosure, so the chips are how a reader sees (and undoes) what narrows the list."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class ActiveFilter:
    param: str
    value: str
    facet: str  # the filter's name, as its label reads
    label: str  # the value, as the reader knows it


def filter_chips(active: list[ActiveFilter], kept: list[tuple[str, str]] = ()) -> list[dict]:
    """Each active filter with the address of the same list without it, from its first page;
    ``kept`` parameters (a sort order, the list shown) stay in every address."""
    pairs = [(f.param, f.value) for f in active] + [pair for pair in kept if pair[1]]
    chips = []
    for chosen in active:
        rest = [pair for pair in pairs if pair != (chosen.param, chosen.value)]
        chips.append({"facet": chosen.facet, "label": chosen.label, "remove_url": "?" + urlencode(rest)})
    return chips
