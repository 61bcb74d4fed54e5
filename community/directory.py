"""The member directory: search by name and filters over what each member made visible to the
viewer, with counts, in a fixed number of queries."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from community.models import Profile
from community.visibility import allowed_levels
from core.filter_chips import ActiveFilter, filter_chips
from core.page_cache import memoized
from solutions.countries import country_name
from solutions.known_values import known_country, known_region, known_theme
from solutions.models import Region, Theme
from solutions.models.vocab import Language
from solutions.names import sorted_by_name

PAGE_SIZE = 24


@dataclass
class DirectoryQuery:
    name: str
    country: str
    region: str
    theme: str
    language: str
    organisation: str
    page: str | None

    def key(self) -> str:
        """What selects the members, for cache keys (the page is not part of it)."""
        return "\n".join([self.name, self.country, self.region, self.theme, self.language, self.organisation])

    @classmethod
    def from_params(cls, params) -> DirectoryQuery:
        def one(key, limit=100):
            return params.get(key, "").strip()[:limit]

        return cls(
            name=one("q"),
            country=known_country(one("country", 2)),
            region=known_region(one("region", 3)),
            theme=known_theme(one("theme", 60)),
            language=one("language", 2) if one("language", 2) in Language.values else "",
            organisation=one("organisation", 200),
            page=params.get("page"),
        )


def listed_profiles() -> QuerySet:
    return Profile.objects.filter(user__is_active=True, is_hidden=False)


def region_codes_under(code: str) -> list[str]:
    """The region and every sub-region below it (countries hang from the lowest level)."""
    children: dict[str, list[str]] = {}
    for region, parent in Region.objects.values_list("code", "parent_id"):
        children.setdefault(parent, []).append(region)
    found, pending = [], [code]
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(children.get(current, []))
    return found


def apply(queryset: QuerySet, query: DirectoryQuery, levels: set[str], skip: str | None = None) -> QuerySet:
    if query.name:
        queryset = queryset.filter(display_name__icontains=query.name)
    if query.country and skip != "country":
        queryset = queryset.filter(country_id=query.country, country_visibility__in=levels)
    if query.region and skip != "region":
        queryset = queryset.filter(
            country__region_id__in=region_codes_under(query.region), country_visibility__in=levels
        )
    if query.theme and skip != "theme":
        queryset = queryset.filter(expertise_themes__slug=query.theme, expertise_visibility__in=levels)
    if query.language and skip != "language":
        queryset = queryset.filter(languages__contains=f",{query.language},", languages_visibility__in=levels)
    if query.organisation and skip != "organisation":
        queryset = queryset.filter(organisation__iexact=query.organisation, organisation_visibility__in=levels)
    return queryset


def facet_counts(base: QuerySet, query: DirectoryQuery, levels: set[str]) -> dict:
    visible = {"country": Q(country_visibility__in=levels), "theme": Q(expertise_visibility__in=levels)}
    countries = (
        apply(base, query, levels, skip="country")
        .filter(visible["country"], country__isnull=False)
        .values_list("country_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    themes = (
        apply(base, query, levels, skip="theme")
        .filter(visible["theme"], expertise_themes__isnull=False)
        .values_list("expertise_themes__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    organisations = (
        apply(base, query, levels, skip="organisation")
        .filter(organisation_visibility__in=levels)
        .exclude(organisation="")
        .values_list("organisation")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation")[:30]
    )
    language_rows = (
        apply(base, query, levels, skip="language")
        .filter(languages_visibility__in=levels)
        .exclude(languages="")
        .values_list("languages")
        .annotate(n=Count("pk"))
    )
    languages: dict[str, int] = {}
    for stored, n in language_rows:
        for code in filter(None, stored.split(",")):
            languages[code] = languages.get(code, 0) + n
    theme_names = {t.slug: t.name for t in Theme.objects.all()}
    language_names = dict(Language.choices)
    return {
        "country": [(code, country_name(code), n) for code, n in countries],
        "theme": [(slug, theme_names.get(slug, slug), n) for slug, n in themes],
        "language": [(code, language_names.get(code, code), languages[code]) for code in sorted(languages)],
        "organisation": [(name, name, n) for name, n in organisations],
    }


def directory_context(request) -> dict:
    """The directory for this viewer. The filters and the member cards are rendered once per
    generation for every viewer who may see the same fields (``shared_key``); the cards of a page
    that lists the viewer's own profile, whose hidden fields only they see, are their own."""
    query = DirectoryQuery.from_params(request.GET)
    levels = allowed_levels(request.user)
    base = listed_profiles()
    matching = apply(base, query, levels).order_by("display_name", "pk").distinct()
    # Who matches, in order, and the facet counts are the same for every viewer who may see the
    # same fields: kept until the next change; only the page shown is loaded, and only when its
    # cards are rendered.
    key = hashlib.sha256(f"{get_language()}\n{sorted(levels)}\n{query.key()}".encode()).hexdigest()
    ids = memoized(f"directory-ids:{key}", lambda: list(matching.values_list("pk", flat=True)))
    page = Paginator(ids, PAGE_SIZE).get_page(query.page)
    own = getattr(getattr(request.user, "profile", None), "pk", None) if request.user.is_authenticated else None
    return {
        "query": query,
        "members": page,
        "levels": levels,
        "shared_key": key,
        "cards_reader": request.user.pk if own in page.object_list else 0,
        # Loaded when first used: a page whose filters and cards come from the cache needs none.
        "profiles": SimpleLazyObject(lambda: profiles_of(page.object_list)),
        "facets": SimpleLazyObject(
            lambda: memoized(f"directory-facets:{key}", lambda: facet_counts(base, query, levels))
        ),
        "regions": SimpleLazyObject(lambda: sorted_by_name(Region.objects.exclude(code="001"), name=lambda r: r.name)),
        "chips": directory_chips(query),
    }


def directory_chips(query: DirectoryQuery) -> list[dict]:
    """The directory's active filters, named as the reader knows them."""
    wanted = [
        ("q", query.name, _("Name"), lambda v: v),
        ("region", query.region, _("Region"), lambda v: getattr(Region.objects.filter(code=v).first(), "name", v)),
        ("country", query.country, _("Country"), country_name),
        ("theme", query.theme, _("Expertise"), lambda v: getattr(Theme.objects.filter(slug=v).first(), "name", v)),
        ("language", query.language, _("Speaks"), lambda v: dict(Language.choices).get(v, v)),
        ("organisation", query.organisation, _("Organisation"), lambda v: v),
    ]
    return filter_chips(
        [ActiveFilter(param, value, str(facet), str(name(value))) for param, value, facet, name in wanted if value]
    )


def profiles_of(ids: list[int]) -> list[Profile]:
    found = Profile.objects.select_related("country").prefetch_related("expertise_themes").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
