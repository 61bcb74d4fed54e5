"""A world map of counts by country, drawn on the server as SVG from the shapes shipped in
solutions/data/world_map.json (Natural Earth; see scripts/world_map.py): a choropleth whose
countries are links, each with its name and count as a title, and a table of the same counts."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape  # the standard library's: Django's adds a lazy wrapper and SafeString a call
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from solutions.countries import country_name

SHAPES = Path(__file__).resolve().parent / "data" / "world_map.json"
# The outlines as one static SVG the browser keeps: the world (``#world``) and each country by its
# code (``#BR``). Pages draw from it with ``<use>``: a map costs a page its links and titles only,
# not 50 kB of outlines each time. Written from SHAPES by ``sprite_document`` (scripts/world_map.py).
SPRITE = "img/world-map.svg"
SPRITE_FILE = Path(__file__).resolve().parent.parent / "static" / SPRITE
SHADES = 5  # classes of the choropleth, the lightest for the fewest


@cache
def shapes() -> dict:
    return json.loads(SHAPES.read_text(encoding="utf-8"))


def sprite_document(data: dict) -> str:
    """The static SVG of every outline in ``data`` (the shapes), each a path with its code as id,
    all of them in the group ``world``."""
    paths = "".join(f'<path id="{code}" d="{path}"/>' for code, path in sorted(data["countries"].items()))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {data["width"]} {data["height"]}">'
        f"<!-- {escape(data['source'])} -->"
        f'<g id="world">{paths}</g></svg>\n'
    )


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    count: int
    shade: int
    url: str | None
    other: int = 0  # the count compared with (solutions next to requests)


def shade(count: int, most: int) -> int:
    """Classes on a square-root scale: one large country does not wash out the rest."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(SHADES, round(SHADES * (count / most) ** 0.5)))


def world_map(counts: dict[str, int], link: Callable[[str], str] | None, compare: dict[str, int] | None = None) -> dict:
    """The map's countries counted in ``counts`` (by ISO code), shaded by count and linked by
    ``link`` (the rest of the world is drawn unshaded from the sprite), and the rows of its table,
    most counted first; ``compare`` is a second count shown beside the first (in titles and the
    table) without shading."""
    compare = compare or {}
    data = shapes()
    most = max(counts.values(), default=0)
    language = get_language()
    counted = {code: n for code, n in counts.items() if n > 0}
    shades = {code: shade(n, most) for code, n in counted.items()}
    names = {code: country_name(code, language) for code in counted}
    links = {code: link(code) if link else None for code in counted}
    drawn = data["countries"]
    countries = [
        MapCountry(code, names[code], n, shades[code], links[code], compare.get(code, 0))
        for code, n in counted.items()
        if code in drawn
    ]
    rows = [(code, names[code], n, links[code], compare.get(code, 0)) for code, n in counted.items()]
    rows.sort(key=lambda row: (-row[2], row[1]))
    return {
        "width": data["width"],
        "height": data["height"],
        "countries": countries,
        "rows": rows,
        "most": most,
        "compared": bool(compare),
        "legend": legend(counted, shades),
    }


def adding_country(params: list[tuple[str, str]]) -> Callable[[str], str]:
    """Links for a map of ``params``' results: each country's adds its filter to them. The query
    string is encoded once, not once per country (a map has two hundred)."""
    base = urlencode(params)
    added = f"?{base}&country=" if base else "?country="
    chosen = {value for name, value in params if name == "country"}
    return lambda code: f"?{base}" if code in chosen else added + code


@lru_cache(maxsize=4096)
def _grouped(count: int, language: str | None) -> str:
    """``count`` with the digit grouping of ``language`` (the active one), as ``intcomma`` writes
    it: asked hundreds of times a map, for a few distinct counts."""
    return str(intcomma(count))


def svg_countries(drawn: dict, count_label: str, compare_label: str = "") -> SafeString:
    """The map's countries as SVG: the world's outlines, and over them each country counted, a
    link with its name and count as a title, shaded by its count. Each outline is a ``<use>`` of
    the static sprite; the markup is written here rather than by a template loop, since a map
    has two hundred countries."""
    from django.templatetags.static import static

    sprite = escape(static(SPRITE))
    count_label, compare_label, language = escape(count_label), escape(compare_label), get_language()
    pieces = [f'<use href="{sprite}#world" class="shade-0" aria-hidden="true"/>']
    for c in drawn["countries"]:
        if not c.url:
            continue
        title = f"{escape(c.name)}: {count_label} {_grouped(c.count, language)}"
        if drawn["compared"]:
            title += f", {compare_label} {_grouped(c.other, language)}"
        pieces.append(
            f'<a href="{escape(c.url)}" rel="nofollow"><title>{title}</title>'
            f'<use href="{sprite}#{c.code}" class="shade-{c.shade}"/></a>'
        )
    return mark_safe("".join(pieces))  # noqa: S308 - every value above is escaped


def table_rows(drawn: dict) -> SafeString:
    """The rows of the map's table (a country, its count, and the compared count), written here
    for the same reason as ``svg_countries``."""
    pieces, language = [], get_language()
    for _code, name, count, url, other in drawn["rows"]:
        label = f'<a href="{escape(url)}" rel="nofollow">{escape(name)}</a>' if url else escape(name)
        compared = f"<td>{_grouped(other, language)}</td>" if drawn["compared"] else ""
        pieces.append(f'<tr><th scope="row">{label}</th><td>{_grouped(count, language)}</td>{compared}</tr>')
    return mark_safe("".join(pieces))  # noqa: S308 - every value above is escaped


def legend(counts: dict[str, int], shades: dict[str, int]) -> list[tuple[int, str]]:
    """Each class shown (``shades``: each counted country's), with the smallest and largest count in it."""
    spans: dict[int, list[int]] = {}
    for code, n in counts.items():
        spans.setdefault(shades[code], []).append(n)
    return [
        (level, f"{min(ns)}–{max(ns)}" if min(ns) != max(ns) else str(min(ns))) for level, ns in sorted(spans.items())
    ]


MAP_SIDES = {
    "all": _("All countries involved"),
    "provider": _("Provider countries"),
    "recipient": _("Recipient countries"),
}
