"""Facet values with their labels in the reader's language, in a stable order."""

from __future__ import annotations

from collections.abc import Mapping

from search.query import FacetValue
from solutions.countries import country_name
from solutions.models import SDG, Modality, Region, Theme
from solutions.models.vocab import Language, Status


def labels(name: str, values) -> dict[str, str]:
    values = list(values)
    if name == "type":
        from search.documents import document_types

        return {t.name: str(t.label) for t in document_types()}
    if name == "language":
        return dict(Language.choices)
    if name == "status":
        return {k: str(v) for k, v in Status.choices}
    if name == "country":
        return {code: country_name(code) for code in values}
    if name == "region":
        return {r.code: r.name for r in Region.objects.filter(code__in=values)}
    if name == "sdg":
        return {str(s.number): f"{s.number}. {s.name}" for s in SDG.objects.filter(number__in=[int(v) for v in values])}
    if name == "theme":
        return {t.slug: t.name for t in Theme.objects.filter(slug__in=values)}
    if name == "modality":
        return {m.slug: m.name for m in Modality.objects.filter(slug__in=values)}
    return {v: v for v in values}


def facet_values(name: str, counts: Mapping[str, int], selected: list[str]) -> list[FacetValue]:
    values = set(counts) | set(selected)
    names = labels(name, values)
    options = [
        FacetValue(value=v, label=names.get(v, v), count=counts.get(v, 0), selected=v in selected) for v in values
    ]
    if name == "year":
        options.sort(key=lambda o: o.value, reverse=True)
    elif name == "sdg":
        options.sort(key=lambda o: int(o.value))
    else:
        options.sort(key=lambda o: (-o.count, o.label))
    return [o for o in options if o.count or o.selected]
