"""The catalogue query: filters, disjunctive facet counts, sorting and paging.

Every facet is counted over the solutions matched by all *other* facets, so counts stay right
when several values of one facet are selected. The number of SQL queries does not depend on the
page size or the size of the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.page_cache import memoized
from solutions.countries import country_name, region_code
from solutions.models import SDG, Modality, Region, SolutionPage, Theme
from solutions.models.vocab import CooperationType, Language, Status
from solutions.names import by_name
from solutions.world_map import MAP_SIDES, adding_country, world_map

SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "views": (F("view_count__count").desc(nulls_last=True), "-first_published_at", "-pk"),
    "title": ("title", "pk"),
}
SORT_LABELS = {"newest": _("Newest"), "views": _("Most viewed"), "title": _("Title")}
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Facet:
    """One filterable dimension: a many-to-many vocabulary or a choice field."""

    param: str
    label: str
    relation: str | None = None  # many-to-many field on SolutionPage
    choice_field: str | None = None
    choices: type | None = None

    def parse(self, raw: list[str], valid: set[str]) -> list[str]:
        return [value for value in dict.fromkeys(raw) if value in valid]

    def filter(self, queryset: QuerySet, values: list[str]) -> QuerySet:
        if not values:
            return queryset
        if self.choice_field:
            return queryset.filter(**{f"{self.choice_field}__in": values})
        through = getattr(SolutionPage, self.relation).through
        target = through._meta.get_field(self.relation_target).attname
        matching = through.objects.filter(**{f"{target}__in": values}).values("solutionpage_id")
        return queryset.filter(pk__in=matching)

    @property
    def relation_target(self) -> str:
        related = SolutionPage._meta.get_field(self.relation).related_model
        return related._meta.model_name

    def counts(self, queryset: QuerySet) -> dict[str, int]:
        if self.choice_field:
            rows = queryset.order_by().values_list(self.choice_field).annotate(n=Count("pk"))
        else:
            through = getattr(SolutionPage, self.relation).through
            target = through._meta.get_field(self.relation_target).attname
            rows = (
                through.objects.filter(solutionpage_id__in=queryset.order_by().values("pk"))
                .values_list(target)
                .annotate(n=Count("solutionpage_id"))
            )
        return {str(value): n for value, n in rows}


FACETS = [
    Facet("region", _("Region"), relation="regions"),
    Facet("country", _("Country"), relation="countries"),
    Facet("sdg", _("SDG"), relation="sdgs"),
    Facet("theme", _("Theme"), relation="themes"),
    Facet("modality", _("Modality"), relation="modalities"),
    Facet("type", _("Cooperation type"), choice_field="cooperation_type", choices=CooperationType),
    Facet("status", _("Status"), choice_field="status", choices=Status),
    Facet("language", _("Language"), choice_field="language", choices=Language),
]
FACET_BY_PARAM = {facet.param: facet for facet in FACETS}


@dataclass
class Vocabulary:
    """Labels for every facet value, loaded once per request (four small queries)."""

    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    order: dict[str, list[str]] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Vocabulary:
        vocab = cls()
        regions = list(Region.objects.exclude(code="001"))
        parents = {r.code: r.parent_id for r in regions}
        vocab.depth = {r.code: _depth(r.code, parents) for r in regions}
        vocab.labels["region"] = {r.code: r.name for r in regions}
        vocab.order["region"] = [
            r.code for r in sorted(regions, key=lambda r: _tree_key(r.code, parents, vocab.labels["region"]))
        ]
        vocab.labels["sdg"] = {str(s.number): f"{s.number}. {s.name}" for s in SDG.objects.all()}
        vocab.labels["theme"] = {t.slug: t.name for t in Theme.objects.all()}
        vocab.labels["modality"] = {m.slug: m.name for m in Modality.objects.all()}
        for facet in FACETS:
            if facet.choices:
                vocab.labels[facet.param] = {value: str(label) for value, label in facet.choices.choices}
        for param in ("sdg", "theme", "modality", "type", "status", "language"):
            vocab.order[param] = list(vocab.labels[param])
        return vocab

    def valid(self, param: str) -> set[str]:
        if param == "country":
            from solutions.models import Country

            return set(Country.objects.values_list("code", flat=True))
        return set(self.labels[param])

    def label(self, param: str, value: str) -> str:
        if param == "country":
            return country_name(value)
        return self.labels[param].get(value, value)


def _depth(code: str, parents: dict) -> int:
    depth = 0
    while parents.get(code) and parents[code] != "001":
        code, depth = parents[code], depth + 1
    return depth


def _tree_key(code: str, parents: dict, names: dict) -> tuple:
    path = []
    while code and code != "001":
        path.insert(0, names.get(code, code))
        code = parents.get(code)
    return tuple(path)


@dataclass
class CatalogueQuery:
    selected: dict[str, list[str]]
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "newest"
    page: str | None = None
    per_page: int = 12

    @classmethod
    def from_params(cls, params, vocab: Vocabulary, default_per_page: int = 12) -> CatalogueQuery:
        selected = {}
        for facet in FACETS:
            raw = [v.strip() for v in params.getlist(facet.param) if v.strip()]
            if facet.param == "country":
                raw = [v.upper() for v in raw]
            elif facet.param == "region":
                raw = [region_code(v) for v in raw]
            selected[facet.param] = facet.parse(raw, vocab.valid(facet.param)) if raw else []
        sort = params.get("sort", "newest")
        return cls(
            selected=selected,
            year_from=_year(params.get("from")),
            year_to=_year(params.get("to")),
            sort=sort if sort in SORTS else "newest",
            page=params.get("page"),
            per_page=_clamp(params.get("per_page"), default_per_page),
        )

    def as_params(self, **changes) -> list[tuple[str, str]]:
        params = [(param, value) for param, values in self.selected.items() for value in values]
        if self.year_from:
            params.append(("from", str(self.year_from)))
        if self.year_to:
            params.append(("to", str(self.year_to)))
        if self.sort != "newest":
            params.append(("sort", self.sort))
        for key, value in changes.items():
            params = [p for p in params if p[0] != key]
            if value is not None:
                params.append((key, str(value)))
        return params

    def url_without(self, param: str, value: str) -> str:
        params = [p for p in self.as_params() if p != (param, value)]
        return "?" + urlencode(params) if params else "?"

    def is_filtered(self) -> bool:
        return any(self.selected.values()) or bool(self.year_from or self.year_to)


def _year(raw: str | None) -> int | None:
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2100 else None


def _clamp(raw: str | None, default: int) -> int:
    try:
        return max(1, min(MAX_PAGE_SIZE, int(raw)))
    except (TypeError, ValueError):
        return default


def published_solutions(language: str | None = None) -> QuerySet:
    """Live, public solutions, one per translation group: the reader's language where it exists."""
    language = (language or get_language() or "en")[:2]
    live = SolutionPage.objects.live().public()
    siblings = (
        SolutionPage.objects.live().filter(translation_key=OuterRef("translation_key")).exclude(pk=OuterRef("pk"))
    )
    shown_when_untranslated = ~Exists(siblings.filter(pk__lt=OuterRef("pk")))
    in_language = Q(locale__language_code=language)
    return live.filter(in_language | (~Exists(siblings.filter(in_language)) & shown_when_untranslated))


def filter_solutions(queryset: QuerySet, query: CatalogueQuery, skip: str | None = None) -> QuerySet:
    for facet in FACETS:
        if facet.param != skip:
            queryset = facet.filter(queryset, query.selected[facet.param])
    if query.year_from:
        queryset = queryset.filter(Q(end_year__gte=query.year_from) | Q(end_year__isnull=True))
    if query.year_to:
        queryset = queryset.filter(start_year__lte=query.year_to)
    return queryset


FACET_VALUES_SHOWN = 10


def facet_counts(facet: Facet, query: CatalogueQuery, base: QuerySet) -> dict[str, int]:
    """How many solutions have each of the facet's values, under every filter but the facet's own
    (kept until the next change)."""
    return memoized(
        f"catalogue-counts:{facet.param}:{urlencode(query.as_params(**{facet.param: None}))}",
        lambda: facet.counts(filter_solutions(base, query, skip=facet.param)),
    )


def facet_options(
    query: CatalogueQuery, base: QuerySet, vocab: Vocabulary, expanded: list[str] = (), counts_of=None
) -> list[dict]:
    """Each facet's values with their counts: the ten most frequent and the selected ones, in the
    facet's order, unless the facet is ``expanded`` ("Show N more"); every country of a large
    catalogue made the page 100 kB."""
    facets = []
    for facet in FACETS:
        counts = counts_of(facet) if counts_of else facet_counts(facet, query, base)
        selected = query.selected[facet.param]
        if facet.param == "country":
            order = sorted(counts, key=lambda code: (-counts[code], by_name(country_name(code))))
        else:
            order = vocab.order[facet.param]
        options = [
            {
                "value": value,
                "label": vocab.label(facet.param, value),
                "count": counts.get(value, 0),
                "selected": value in selected,
                "depth": vocab.depth.get(value, 0) if facet.param == "region" else 0,
            }
            for value in order
            if counts.get(value) or value in selected
        ]
        hidden = 0
        if facet.param not in expanded and len(options) > FACET_VALUES_SHOWN:
            top = sorted(options, key=lambda option: -option["count"])[:FACET_VALUES_SHOWN]
            kept = {option["value"] for option in top} | set(selected)
            hidden = len(options) - len(kept)
            options = [option for option in options if option["value"] in kept]
        facets.append(
            {"param": facet.param, "label": facet.label, "options": options, "selected": selected, "hidden": hidden}
        )
    return facets


def catalogue_context(index_page, request) -> dict:
    """The catalogue's query, and what it finds as callables: the template calls them only when
    its shared fragment of results and filters is not in the cache."""
    from django.conf import settings

    vocab = memoized("catalogue-vocabulary", Vocabulary.load, in_process=True)
    query = CatalogueQuery.from_params(request.GET, vocab, settings.SOLUTIONS_PAGE_SIZE)

    base = cache(published_solutions)  # asked once: each call reads the view restrictions

    @cache
    def solutions():
        results = filter_solutions(base(), query).order_by(*SORTS[query.sort])
        # Which solutions match, in order, is the same for every reader of a language: kept until
        # the next change; only the page shown is loaded.
        ids = memoized(
            f"catalogue-ids:{urlencode(query.as_params())}",
            lambda: list(results.values_list("pk", flat=True)),
        )
        page = Paginator(ids, query.per_page).get_page(query.page)
        found = SolutionPage.objects.prefetch_related("countries", "sdgs", "themes").in_bulk(page.object_list)
        page.object_list = [found[pk] for pk in page.object_list if pk in found]
        return page

    expanded = request.GET.getlist("expand")[:3]
    side = request.GET.get("map", "all")
    side = side if side in MAP_SIDES else "all"

    @cache
    def counts_of(facet: Facet) -> dict[str, int]:
        return facet_counts(facet, query, base())

    def country_map():
        if side == "all" and not query.selected["country"]:
            # The same solutions, counted the same way, as the country facet's: counted once.
            counts = counts_of(FACET_BY_PARAM["country"])
        else:
            counts = memoized(
                f"catalogue-map:{side}:{urlencode(query.as_params())}",
                lambda: country_counts(filter_solutions(base(), query), side),
            )
        return world_map(counts, adding_country(query.as_params()))

    def facets():
        return facet_options(query, base(), vocab, expanded, counts_of)

    def chips():
        chosen = [
            {
                "label": vocab.label(param, value),
                "facet": facet_label(param),
                "remove_url": query.url_without(param, value),
            }
            for param, values in query.selected.items()
            for value in values
        ]
        years = [("from", _("From"), query.year_from), ("to", _("To"), query.year_to)]
        return chosen + [
            {"label": str(year), "facet": label, "remove_url": query.url_without(param, str(year))}
            for param, label, year in years
            if year
        ]

    return {
        "query": query,
        "query_key": f"{urlencode(query.as_params())}&page={query.page}&per_page={query.per_page}&expand={expanded}"
        f"&map={side}",
        "world_map": cache(country_map),
        "map_side": side,
        "map_sides": [
            (key, label, "?" + urlencode([*query.as_params(), *([("map", key)] if key != "all" else [])]))
            for key, label in MAP_SIDES.items()
        ],
        "solutions": solutions,
        "facets": cache(facets),
        "chips": cache(chips),
        "sorts": [(key, SORT_LABELS[key]) for key in SORTS],
        "page_querystring": urlencode(query.as_params(page=None)),
        "years": range(2000, 2031),
    }


SIDE_RELATIONS = {"all": "countries", "provider": "provider_countries", "recipient": "recipient_countries"}


def country_counts(solutions: QuerySet, side: str = "all") -> dict[str, int]:
    """How many of ``solutions`` involve each country (as provider, recipient, or either)."""
    through = getattr(SolutionPage, SIDE_RELATIONS[side]).through
    rows = (
        through.objects.filter(solutionpage_id__in=solutions.order_by().values("pk"))
        .values_list("country_id")
        .annotate(n=Count("solutionpage_id"))
    )
    return {code: n for code, n in rows}


def facet_label(param: str) -> str:
    return next(str(f.label) for f in FACETS if f.param == param)
