"""A world map of counts by country, drawn on the server as SVG from the shapes shipped in
solutions/data/world_map.json (Natural Earth; see scripts/world_map.py): a choropleth whose
countries are links, each with its name and count as a title, and a table of the same counts."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, lru_cache
from html import escape  # the standard library's: Django's adds a lazy wrapper and SafeString a call
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.numbers import grouped
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


class MapCountry(NamedTuple):
    """A counted country as drawn (a tuple: a map builds two hundred of them a page)."""

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
    table) without shading. ``hrefs`` holds each link escaped once for both."""
    compare = compare or {}
    data = shapes()
    drawn = data["countries"]
    most = max(counts.values(), default=0)
    language = get_language()
    countries, rows, hrefs, spans = [], [], {}, {}
    for code, n in counts.items():
        if n <= 0:
            continue
        name, url, other = country_name(code, language), link(code) if link else None, compare.get(code, 0)
        level = shade(n, most)
        spans.setdefault(level, []).append(n)
        if url is not None:
            hrefs[code] = escape(url)
        if code in drawn:
            countries.append(MapCountry(code, name, n, level, url, other))
        rows.append((code, name, n, url, other))
    rows.sort(key=lambda row: (-row[2], row[1]))
    return {
        "width": data["width"],
        "height": data["height"],
        "countries": countries,
        "rows": rows,
        "hrefs": hrefs,
        "most": most,
        "compared": bool(compare),
        "legend": legend(spans),
    }


def adding_country(params: list[tuple[str, str]]) -> Callable[[str], str]:
    """Links for a map of ``params``' results: each country's adds its filter to them. The query
    string is encoded once, not once per country (a map has two hundred)."""
    base = urlencode(params)
    added = f"?{base}&country=" if base else "?country="
    chosen = {value for name, value in params if name == "country"}
    return lambda code: f"?{base}" if code in chosen else added + code


@lru_cache(maxsize=2048)
def _escaped_name(code: str, language: str | None) -> str:
    return escape(country_name(code, language))


def svg_countries(drawn: dict, count_label: str, compare_label: str = "") -> SafeString:
    """The map's countries as SVG: the world's outlines, and over them each country counted, a
    link with its name and count as a title, shaded by its count. Each outline is a ``<use>`` of
    the static sprite; the markup is written here rather than by a template loop, since a map
    has two hundred countries."""
    from django.templatetags.static import static

    sprite = escape(static(SPRITE))
    count_label, compare_label, language = escape(count_label), escape(compare_label), get_language()
    pieces = [f'<use href="{sprite}#world" class="shade-0" aria-hidden="true"/>']
    hrefs, compared = drawn["hrefs"], drawn["compared"]
    for code, _name, count, shade_level, url, other in drawn["countries"]:
        if not url:
            continue
        title = f"{_escaped_name(code, language)}: {count_label} {grouped(count, language)}"
        if compared:
            title += f", {compare_label} {grouped(other, language)}"
        pieces.append(
            f'<a href="{hrefs[code]}" rel="nofollow"><title>{title}</title>'
            f'<use href="{sprite}#{code}" class="shade-{shade_level}"/></a>'
        )
    return mark_safe("".join(pieces))  # noqa: S308 - every value above is escaped


def table_rows(drawn: dict) -> SafeString:
    """The rows of the map's table (a country, its count, and the compared count), written here
    for the same reason as ``svg_countries``."""
    pieces, language, hrefs, compared = [], get_language(), drawn["hrefs"], drawn["compared"]
    for code, _name, count, url, other in drawn["rows"]:
        name = _escaped_name(code, language)
        label = f'<a href="{hrefs[code]}" rel="nofollow">{name}</a>' if url else name
        other_cell = f"<td>{grouped(other, language)}</td>" if compared else ""
        pieces.append(f'<tr><th scope="row">{label}</th><td>{grouped(count, language)}</td>{other_cell}</tr>')
    return mark_safe("".join(pieces))  # noqa: S308 - every value above is escaped


def legend(spans: dict[int, list[int]]) -> list[tuple[int, str]]:
    """Each class shown (``spans``: the counts in each), with the smallest and largest count in it."""
    return [
        (level, f"{min(ns)}–{max(ns)}" if min(ns) != max(ns) else str(min(ns))) for level, ns in sorted(spans.items())
    ]


MAP_SIDES = {
    "all": _("All countries involved"),
    "provider": _("Provider countries"),
    "recipient": _("Recipient countries"),
}
