"""The organisation directory: filters by kind, country, region and the themes of an
organisation's solutions, each with counts, in a fixed number of queries whatever the size."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filter_chips import ActiveFilter, filter_chips
from core.page_cache import memoized
from solutions.countries import country_name
from solutions.known_values import known_country, known_region, known_theme
from solutions.models import Country, Organisation, OrganisationKind, Region, SolutionPartner, Theme

PAGE_SIZE = 30


@dataclass
class OrganisationQuery:
    name: str
    kind: str
    country: str
    region: str
    theme: str
    page: str | None

    @classmethod
    def from_params(cls, params) -> OrganisationQuery:
        def one(key: str, limit: int) -> str:
            return params.get(key, "").strip()[:limit]

        kind = one("kind", 30)
        return cls(
            name=one("q", 100),
            kind=kind if kind in OrganisationKind.values else "",
            country=known_country(one("country", 2)),
            region=known_region(one("region", 3)),
            theme=known_theme(one("theme", 60)),
            page=params.get("page"),
        )

    def key(self) -> str:
        return "\n".join([self.name, self.kind, self.country, self.region, self.theme])

    def pairs(self) -> list[tuple[str, str]]:
        return [
            (param, value)
            for param, value in (
                ("q", self.name),
                ("kind", self.kind),
                ("country", self.country),
                ("region", self.region),
                ("theme", self.theme),
            )
            if value
        ]


def listed() -> QuerySet:
    return Organisation.objects.filter(merged_into=None)


def live_partnerships() -> QuerySet:
    return SolutionPartner.objects.filter(page__live=True, organisation__isnull=False)


def region_countries(code: str) -> list[str]:
    """The countries in a region and all its sub-regions."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for region, parent in Region.objects.values_list("code", "parent_id"):
        children[parent].append(region)
    codes, pending = [], [code]
    while pending:
        current = pending.pop()
        codes.append(current)
        pending.extend(children.get(current, []))
    return list(Country.objects.filter(region_id__in=codes).values_list("code", flat=True))


def apply(queryset: QuerySet, query: OrganisationQuery, skip: str | None = None) -> QuerySet:
    if query.name:
        queryset = queryset.filter(Q(name__icontains=query.name) | Q(short_name__icontains=query.name))
    if query.kind and skip != "kind":
        queryset = queryset.filter(kind=query.kind)
    if query.country and skip != "country":
        queryset = queryset.filter(
            pk__in=Organisation.countries.through.objects.filter(country_id=query.country).values("organisation_id")
        )
    if query.region and skip != "region":
        through = Organisation.countries.through.objects.filter(country_id__in=region_countries(query.region))
        queryset = queryset.filter(pk__in=through.values("organisation_id"))
    if query.theme and skip != "theme":
        queryset = queryset.filter(
            pk__in=live_partnerships().filter(page__themes=query.theme).values("organisation_id")
        )
    return queryset


def facet_counts(query: OrganisationQuery) -> dict[str, list[tuple[str, str, int]]]:
    """Each facet's values with how many organisations have them, counted over the
    organisations the other filters match (five queries and the labels)."""
    base = listed()
    kinds = dict(
        apply(base, query, skip="kind").exclude(kind="").order_by().values_list("kind").annotate(n=Count("pk"))
    )
    pairs = Organisation.countries.through.objects.values_list("organisation_id", "country_id")
    countries: dict[str, int] = defaultdict(int)
    for _org, code in pairs.filter(organisation_id__in=apply(base, query, skip="country").values("pk")):
        countries[code] += 1
    country_regions = dict(Country.objects.values_list("code", "region_id"))
    parents = dict(Region.objects.values_list("code", "parent_id"))
    regions: dict[str, set[int]] = defaultdict(set)
    for org, code in pairs.filter(organisation_id__in=apply(base, query, skip="region").values("pk")):
        region = country_regions.get(code)
        while region and region != "001":
            regions[region].add(org)
            region = parents.get(region)
    themes = dict(
        live_partnerships()
        .filter(organisation_id__in=apply(base, query, skip="theme").values("pk"), page__themes__isnull=False)
        .order_by()
        .values_list("page__themes")
        .annotate(n=Count("organisation_id", distinct=True))
    )
    region_names = {r.code: r.name for r in Region.objects.all()}
    theme_names = {t.slug: t.name for t in Theme.objects.all()}
    kind_names = dict(OrganisationKind.choices)
    by_count = lambda counts, name: sorted(  # noqa: E731
        ((value, str(name(value)), n) for value, n in counts.items()), key=lambda row: (-row[2], row[1])
    )
    return {
        "kind": by_count(kinds, lambda v: kind_names.get(v, v)),
        "country": by_count(countries, country_name),
        "region": by_count({code: len(orgs) for code, orgs in regions.items()}, lambda v: region_names.get(v, v)),
        "theme": by_count(themes, lambda v: theme_names.get(v, v)),
    }


def organisations_of(ids: list[int]) -> list[Organisation]:
    found = (
        Organisation.objects.prefetch_related("countries")
        .annotate(solution_count=Count("partnerships__page", filter=Q(partnerships__page__live=True), distinct=True))
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]


def directory_context(request) -> dict:
    """The directory: who matches and the counts are kept until the next change, and only the
    page shown is loaded."""
    query = OrganisationQuery.from_params(request.GET)
    key = hashlib.sha256(f"{get_language()}\n{query.key()}".encode()).hexdigest()
    ids = memoized(
        f"organisation-ids:{key}",
        lambda: list(apply(listed(), query).order_by("name", "pk").values_list("pk", flat=True)),
    )
    page = Paginator(ids, PAGE_SIZE).get_page(query.page)
    page.object_list = organisations_of(list(page.object_list))
    facets = memoized(f"organisation-facets:{key}", lambda: facet_counts(query))
    labels = {param: {value: label for value, label, _n in rows} for param, rows in facets.items()}
    names = {"q": _("Name"), "kind": _("Kind"), "country": _("Country"), "region": _("Region"), "theme": _("Theme")}
    chips = filter_chips(
        [
            ActiveFilter(param, value, str(names[param]), labels.get(param, {}).get(value, value))
            for param, value in query.pairs()
        ]
    )
    return {
        "query": query,
        "organisations": page,
        "facets": facets,
        "chips": chips,
        "querystring": urlencode(query.pairs()),
        "kinds": OrganisationKind.choices,
    }
