"""The world map's countries and counts, written in Python (``solutions/world_map.py``)."""

from __future__ import annotations

from django import template

from solutions import world_map

register = template.Library()


@register.simple_tag
def map_countries(drawn: dict, count_label: str, compare_label: str = ""):
    return world_map.svg_countries(drawn, str(count_label), str(compare_label or ""))


@register.simple_tag
def map_rows(drawn: dict):
    return world_map.table_rows(drawn)


@register.simple_tag
def map_legend(drawn: dict):
    return world_map.legend_items(drawn)
