"""The search page's facets, result rows and page links, built in Python: as template loops, the
ninety or so checkboxes of a search were half of the page's rendering time (6 of 11 ms), the
node's time aside, and the facet panels and twenty result rows most of what was left; as a
template loop, the dozen page links cost four times what the twenty result rows do."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.numbers import grouped

register = template.Library()

OPEN_FACETS = 3  # panels open on a search without filters; with filters, all of them


@register.simple_tag
def facet_options(name: str, options) -> SafeString:
    """``<li>`` checkboxes for ``options``; every value is escaped here, as the template would."""
    name, language = escape(str(name)), get_language()
    items = []
    for option in options:
        value, label = escape(str(option.value)), escape(str(option.label))
        checked = " checked" if option.selected else ""
        count = grouped(option.count, language)
        items.append(
            f'<li><input type="checkbox" name="{name}" value="{value}" id="s-{name}-{value}"{checked}>\n'
            f'<label for="s-{name}-{value}">{label} <span class="count">({count})</span></label></li>\n'
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped


@register.simple_tag
def facet_panels(facets, filtered: bool, page_querystring: str) -> SafeString:
    """A disclosure per facet with values (the first few open, all of them once filtered), its
    checkboxes and, where it has more values than shown, a link showing them all."""
    panels = []
    for position, (name, heading, values, more) in enumerate(facets, start=1):
        if not values:
            continue
        label = escape(str(heading))
        opened = " open" if position <= OPEN_FACETS or filtered else ""
        more_link = ""
        if more:
            text = escape(_("Show all values of %(facet)s") % {"facet": str(heading).lower()})
            more_link = (
                f'<p class="facet-more"><a href="?{escape(page_querystring)}&amp;expand={escape(name)}">{text}</a></p>'
            )
        panels.append(
            f'<details class="facet"{opened}>\n<summary>{label}</summary>\n'
            f'<fieldset><legend class="visually-hidden">{label}</legend>\n'
            f'<ul class="facet-options">\n{facet_options(name, values)}</ul>\n{more_link}</fieldset>\n</details>\n'
        )
    return mark_safe("".join(panels))  # noqa: S308 - every value above is escaped


@register.simple_tag
def search_hits(hits) -> SafeString:
    """One ``<li>`` per result: its type, linked title, snippet (already safe HTML, with the
    matches marked), languages and date."""
    rows = []
    for hit in hits:
        snippet = f'<p class="snippet">{conditional_escape(hit.snippet)}</p>\n' if hit.snippet else ""
        languages = "".join(f"<span>{escape(str(code).upper())}</span>" for code in hit.language)
        date = f'<time datetime="{escape(hit.date)}">{escape(hit.date)}</time>' if hit.date else ""
        rows.append(
            f'<li class="search-hit">\n<p class="hit-type">{escape(str(hit.label))}</p>\n'
            f'<h3><a href="{escape(hit.url)}">{escape(hit.title)}</a></h3>\n'
            f'{snippet}<p class="card-meta">{languages}{date}</p>\n</li>\n'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


@register.simple_tag
def search_pagination(pages: list[int | None], current: int, page_querystring: str) -> SafeString:
    """Links to the previous and next pages and to ``pages`` (``None``: a gap), when there is
    more than one page."""
    if len(pages) < 2:
        return mark_safe("")
    base = f"?{escape(page_querystring)}&amp;page="
    links = []
    if current > 1:
        links.append(f'<li><a href="{base}{current - 1}" rel="prev">{escape(_("Previous"))}</a></li>')
    for number in pages:
        if number:
            here = ' aria-current="page"' if number == current else ""
            links.append(f'<li><a href="{base}{number}"{here}>{number}</a></li>')
        else:
            links.append('<li><span aria-hidden="true">…</span></li>')
    if current < pages[-1]:
        links.append(f'<li><a href="{base}{current + 1}" rel="next">{escape(_("Next"))}</a></li>')
    label = escape(_("Pages"))
    return mark_safe(f'<nav class="pagination" aria-label="{label}"><ul>{"".join(links)}</ul></nav>')  # noqa: S308 - escaped
