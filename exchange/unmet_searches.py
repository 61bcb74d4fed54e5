"""Searches that found nothing, as demand: the anonymised search log's queries that came back
empty at least three times in the last 90 days, grouped by the themes, goals and countries their
words or their filters name, so the demand page shows what people looked for and did not find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from django.utils.translation import gettext as _

from search.analytics import unmet_queries
from search.query import normalise, words
from solutions.countries import country_name
from solutions.models import SDG, Country, Theme
from solutions.models.taxonomy import NAME_LANGUAGES
from solutions.names import by_name

DAYS = 90
MINIMUM_SEARCHES = 3  # fewer could expose one visitor's search
KINDS = ("theme", "sdg", "country")
GOAL_NUMBER = re.compile(r"\b(?:sdg|ods|odd|objetivo|objectif|goal)\s*(\d{1,2})\b")


@dataclass
class UnmetSearch:
    text: str
    searches: int


@dataclass
class Topic:
    kind: str
    code: str
    label: str
    searches: list[UnmetSearch] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(search.searches for search in self.searches)


@dataclass
class Unmet:
    sections: list[tuple[str, str, list[Topic]]]  # (heading, column, topics) per kind that has any
    other: list[UnmetSearch]  # searches that name no topic
    days: int = DAYS
    minimum: int = MINIMUM_SEARCHES


def headings() -> dict[str, tuple[str, str]]:
    """Each kind's section heading, and the heading of its table's first column."""
    return {
        "theme": (_("By theme"), _("Theme")),
        "sdg": (_("By Sustainable Development Goal"), _("SDG")),
        "country": (_("By country"), _("Country")),
    }


def unmet_by_topic() -> Unmet:
    """Each kind's topics with their unmet searches, most searched first, and the searches that
    name no topic."""
    topics: dict[tuple[str, str], Topic] = {}
    other: list[UnmetSearch] = []
    rows = unmet_queries(DAYS, MINIMUM_SEARCHES)
    names, labels = (topic_names(), topic_labels()) if rows else ({}, {})
    for row in rows:
        search = UnmetSearch(row["text"], row["searches"])
        # Only themes, goals and countries that exist: a filter's value is any slug a link
        # carries, and a made-up one is no topic to show.
        named = {
            (kind, code) for kind, code in named_topics(row["text"], row["filters"], names) if code in labels[kind]
        }
        for kind, code in named:
            topics.setdefault((kind, code), Topic(kind, code, labels[kind][code])).searches.append(search)
        if not named:
            other.append(search)
    sections = []
    for kind, (heading, column) in headings().items():
        found = sorted((t for t in topics.values() if t.kind == kind), key=lambda t: (-t.total, by_name(t.label)))
        if found:
            sections.append((heading, column, found))
    return Unmet(sections, other)


def named_topics(text: str, filters: str, names: dict[str, list[tuple[str, str]]]) -> set[tuple[str, str]]:
    """The (kind, code) pairs a query's filters select or its words name, in any language."""
    named = {(name, value) for name, value in parse_qsl(filters) if name in KINDS}
    padded = f" {' '.join(words(text))} "
    for kind, pairs in names.items():
        named |= {(kind, code) for name, code in pairs if f" {name} " in padded}
    named |= {("sdg", number) for number in GOAL_NUMBER.findall(text) if 1 <= int(number) <= 17}
    return named


def topic_names() -> dict[str, list[tuple[str, str]]]:
    """Every theme, goal and country name in the four languages, in the log's normalised form."""
    names = {
        "theme": [(normalise(n), t.slug) for t in Theme.objects.all() for n in t.names().values()],
        "sdg": [(normalise(n), str(s.number)) for s in SDG.objects.all() for n in s.names().values()],
        "country": [
            (normalise(country_name(code, language)), code)
            for code in Country.objects.values_list("code", flat=True)
            for language in NAME_LANGUAGES
        ],
    }
    return {kind: sorted({(" ".join(words(n)), c) for n, c in pairs}) for kind, pairs in names.items()}


def topic_labels() -> dict[str, dict[str, str]]:
    """Labels in the reader's language."""
    return {
        "theme": {t.slug: t.name for t in Theme.objects.all()},
        "sdg": {
            str(s.number): _("SDG %(number)s: %(name)s") % {"number": s.number, "name": s.name}
            for s in SDG.objects.all()
        },
        "country": {code: country_name(code) for code in Country.objects.values_list("code", flat=True)},
    }
