"""A world map of counts by country, drawn on the server as SVG from the shapes shipped in
solutions/data/world_map.json (Natural Earth; see scripts/world_map.py): a choropleth whose
countries are links, each with its name and count as a title, and a table of the same counts."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from solutions.countries import country_name

SHAPES = Path(__file__).resolve().parent / "data" / "world_map.json"
SHADES = 5  # classes of the choropleth, the lightest for the fewest


@cache
def shapes() -> dict:
    return json.loads(SHAPES.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    path: str
    count: int
    shade: int  # 0 when nothing is counted there
    url: str | None
    other: int = 0  # the count compared with (solutions next to requests)


def shade(count: int, most: int) -> int:
    """Classes on a square-root scale: one large country does not wash out the rest."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(SHADES, round(SHADES * (count / most) ** 0.5)))


def world_map(counts: dict[str, int], link: Callable[[str], str] | None, compare: dict[str, int] | None = None) -> dict:
    """The map's countries, shaded by ``counts`` (by ISO code), those counted linked by ``link``,
    and the rows of its table, most counted first; ``compare`` is a second count shown beside
    the first (in titles and the table) without shading."""
    compare = compare or {}
    data = shapes()
    most = max(counts.values(), default=0)
    countries = [
        MapCountry(
            code=code,
            name=country_name(code),
            path=path,
            count=counts.get(code, 0),
            shade=shade(counts.get(code, 0), most),
            url=link(code) if link and counts.get(code) else None,
            other=compare.get(code, 0),
        )
        for code, path in data["countries"].items()
    ]
    rows = sorted(
        (
            (code, country_name(code), n, link(code) if link else None, compare.get(code, 0))
            for code, n in counts.items()
            if n
        ),
        key=lambda row: (-row[2], row[1]),
    )
    return {
        "width": data["width"],
        "height": data["height"],
        "countries": countries,
        "rows": rows,
        "most": most,
        "compared": bool(compare),
        "legend": legend(counts, most),
    }


def legend(counts: dict[str, int], most: int) -> list[tuple[int, str]]:
    """Each class shown, with the smallest and largest count in it."""
    spans: dict[int, list[int]] = {}
    for n in counts.values():
        if n > 0:
            spans.setdefault(shade(n, most), []).append(n)
    return [
        (level, f"{min(ns)}–{max(ns)}" if min(ns) != max(ns) else str(min(ns))) for level, ns in sorted(spans.items())
    ]


MAP_SIDES = {
    "all": _("All countries involved"),
    "provider": _("Provider countries"),
    "recipient": _("Recipient countries"),
}
