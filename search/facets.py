"""Facet values with their labels in the reader's language, in a stable order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from django.utils.translation import get_language

from core.page_cache import memoized
from search.query import FACET_SIZE, FACETS, VOCABULARIES, FacetValue, SearchQuery
from solutions.countries import country_name
from solutions.models import SDG, Modality, Region, Theme
from solutions.models.vocab import Language, Status
from solutions.names import by_name


def all_facets(counts: Mapping[str, Mapping[str, int]], query: SearchQuery) -> dict[str, list[FacetValue]]:
    """Every facet's values from ``counts`` (facet → value → count), with the labels of the
    vocabularies read once for the whole search."""
    vocabularies = vocabulary_labels()
    return {
        name: facet_values(name, counts.get(name, {}), query.selected(name), vocabularies.get(name)) for name in FACETS
    }


def shown_counts(counts: Mapping[str, Counter], query: SearchQuery) -> tuple[dict[str, dict[str, int]], set[str]]:
    """Each facet's most frequent values and its selected ones (all of them for the facets the
    reader expanded), and the facets that have more: what the node's aggregations return."""
    shown, more = {}, set()
    for name, values in counts.items():
        if name in query.expanded or len(values) <= FACET_SIZE:
            shown[name] = dict(values)
            continue
        top = dict(Counter(values).most_common(FACET_SIZE))
        shown[name] = {**top, **{v: values[v] for v in query.selected(name) if v in values}}
        more.add(name)
    return shown, more


def labels(name: str, values) -> dict[str, str]:
    if name in FIXED_LABELS:
        return fixed_labels(name, get_language())
    if name == "country":
        language = get_language()
        return {code: country_name(code, language) for code in values}
    if name in VOCABULARIES:
        return vocabulary_labels()[name]
    return {v: v for v in values}


FIXED_LABELS = ("type", "language", "status")  # labels written in the code, not read from the database


@lru_cache(maxsize=64)
def fixed_labels(name: str, language: str | None) -> dict[str, str]:
    """The labels of a facet whose values the code names, translated once per language (each
    label is a lazy translation, and a search shows them all)."""
    if name == "type":
        from search.documents import document_types

        return {t.name: str(t.label) for t in document_types()}
    choices = Language.choices if name == "language" else Status.choices
    return {value: str(label) for value, label in choices}


def vocabulary_labels() -> dict[str, dict[str, str]]:
    """Every region, SDG, theme and modality by its facet value, in the active language, from the
    shared cache until the next change: four small tables that would otherwise be read on every
    search."""
    return memoized("search-facet-labels", read_vocabulary_labels, in_process=True)


def read_vocabulary_labels() -> dict[str, dict[str, str]]:
    return {
        "region": {r.code: r.name for r in Region.objects.all()},
        "sdg": {str(s.number): f"{s.number}. {s.name}" for s in SDG.objects.all()},
        "theme": {t.slug: t.name for t in Theme.objects.all()},
        "modality": {m.slug: m.name for m in Modality.objects.all()},
    }


def facet_values(
    name: str, counts: Mapping[str, int], selected: list[str], names: Mapping[str, str] | None = None
) -> list[FacetValue]:
    values = set(counts) | set(selected)
    if names is None:
        names = labels(name, values)
    options = [
        FacetValue(value=v, label=names.get(v, v), count=counts.get(v, 0), selected=v in selected) for v in values
    ]
    if name == "year":
        options.sort(key=lambda o: o.value, reverse=True)
    elif name == "sdg":
        options.sort(key=lambda o: int(o.value))
    else:
        options.sort(key=lambda o: (-o.count, by_name(o.label)))
    return [o for o in options if o.count or o.selected]
