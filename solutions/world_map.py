"""A world map of counts by country, drawn on the server as SVG from the shapes shipped in
solutions/data/world_map.json (Natural Earth; see scripts/world_map.py): a choropleth whose
countries are links, each with its name and count as a title, and a table of the same counts."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from html import escape  # the standard library's: Django's adds a lazy wrapper and SafeString a call
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.numbers import grouped
from solutions.countries import country_name
from solutions.names import by_name

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
    """A counted country as drawn: its name as written and escaped for HTML, its count and the
    count compared with (solutions next to requests) as written in the page's language, its
    shade and its escaped link, if any. A tuple: a map builds two hundred of them a page."""

    code: str
    name: str
    label: str
    count: int
    count_text: str
    shade: int
    href: str
    other_text: str
    drawn: bool  # in the shipped shapes; the table lists the others too


class CountryLinks(NamedTuple):
    """Where a map's countries link: ``prefix`` followed by the country's code, or, for a
    country already chosen, ``chosen_url`` (the same results). Escaped once a map, not once a
    country."""

    prefix: str
    chosen: frozenset[str] = frozenset()
    chosen_url: str = ""


class CountryLabels(dict):
    """One language's country names by code, each as written, escaped, and with the code
    escaped for a link: looked up as they are first needed, then read as a plain dict."""

    def __init__(self, language: str | None) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, code: str) -> tuple[str, str, str]:
        name = country_name(code, self.language)
        self[code] = labels = (name, escape(name), escape(code))
        return labels


@lru_cache(maxsize=16)
def country_labels(language: str | None) -> CountryLabels:
    return CountryLabels(language)


def shade(count: int, most: int) -> int:
    """Classes on a square-root scale: one large country does not wash out the rest."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(SHADES, round(SHADES * (count / most) ** 0.5)))


def world_map(counts: dict[str, int], links: CountryLinks | None, compare: dict[str, int] | None = None) -> dict:
    """The map's countries counted in ``counts`` (by ISO code), shaded by count and linked by
    ``links`` (the rest of the world is drawn unshaded from the sprite), in the order counted,
    and the rows of its table, most counted first; ``compare`` is a second count shown beside
    the first (in titles and the table) without shading. Everything the page writes of a
    country is written here once, for both the map and its table."""
    compare = compare or {}
    data = shapes()
    drawn = data["countries"]
    most = max(counts.values(), default=0)
    language = get_language()
    labels = country_labels(language)
    prefix = escape(links.prefix) if links else ""
    chosen, chosen_href = (links.chosen, escape(links.chosen_url)) if links else (frozenset(), "")
    by_count = {}  # each count's shade and text, worked out once: many countries share a count
    countries = []
    for code, n in counts.items():
        if n <= 0:
            continue
        name, label, escaped_code = labels[code]
        href = "" if links is None else chosen_href if code in chosen else prefix + escaped_code
        if (written := by_count.get(n)) is None:
            written = by_count[n] = (shade(n, most), grouped(n, language))
        level, count_text = written
        other_text = grouped(compare.get(code, 0), language) if compare else ""
        countries.append(MapCountry(code, name, label, n, count_text, level, href, other_text, code in drawn))
    rows = sorted(countries, key=lambda country: by_name(country.name))
    rows.sort(key=attrgetter("count"), reverse=True)  # stable: by name within a count
    spans = {}
    for n, (level, _text) in by_count.items():
        spans.setdefault(level, []).append(n)
    return {
        "width": data["width"],
        "height": data["height"],
        "countries": countries,
        "rows": rows,
        "most": most,
        "compared": bool(compare),
        "legend": legend(spans),
    }


def adding_country(params: list[tuple[str, str]]) -> CountryLinks:
    """Links for a map of ``params``' results: each country's adds its filter to them. The query
    string is encoded once, not once per country (a map has two hundred)."""
    base = urlencode(params)
    chosen = frozenset(value for name, value in params if name == "country")
    return CountryLinks(f"?{base}&country=" if base else "?country=", chosen, f"?{base}")


def svg_countries(drawn: dict, count_label: str, compare_label: str = "") -> SafeString:
    """The map's countries as SVG: the world's outlines, and over them each country counted, a
    link with its name and count as a title, shaded by its count. Each outline is a ``<use>`` of
    the static sprite; the markup is written here rather than by a template loop, since a map
    has two hundred countries."""
    from django.templatetags.static import static

    sprite = escape(static(SPRITE))
    count_label, compare_label = escape(count_label), escape(compare_label)
    pieces = [f'<use href="{sprite}#world" class="shade-0" aria-hidden="true"/>']
    compared = drawn["compared"]
    for country in drawn["countries"]:
        if not (country.href and country.drawn):
            continue
        title = f"{country.label}: {count_label} {country.count_text}"
        if compared:
            title += f", {compare_label} {country.other_text}"
        pieces.append(
            f'<a href="{country.href}" rel="nofollow"><title>{title}</title>'
            f'<use href="{sprite}#{country.code}" class="shade-{country.shade}"/></a>'
        )
    return mark_safe("".join(pieces))  # noqa: S308 - every value above is escaped


def table_rows(drawn: dict) -> SafeString:
    """The rows of the map's table (a country, its count, and the compared count), written here
    for the same reason as ``svg_countries``."""
    pieces, compared = [], drawn["compared"]
    for country in drawn["rows"]:
        label = f'<a href="{country.href}" rel="nofollow">{country.label}</a>' if country.href else country.label
        other_cell = f"<td>{country.other_text}</td>" if compared else ""
        pieces.append(f'<tr><th scope="row">{label}</th><td>{country.count_text}</td>{other_cell}</tr>')
    return mark_safe("".join(pieces))  # noqa: S308 - every value above is escaped


def legend_items(drawn: dict) -> SafeString:
    """The legend's items: each class shown, with its swatch and the counts it spans."""
    items = (
        f'<li><span class="swatch shade-{level}" aria-hidden="true"></span>{escape(span)}</li>'
        for level, span in drawn["legend"]
    )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


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
