"""The search page and the JSON search API: thin views over the search service."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from core.filter_chips import ActiveFilter, filter_chips
from core.page_cache import uncached
from search import analytics, service
from search.conf import search_settings
from search.facets import fixed_labels
from search.query import FACETS, MAX_PAGE, InvalidQuery, SearchQuery
from solutions.world_map import adding_country, world_map

API_RATE = "60/m"
BUSY_RETRY_SECONDS = 5
PAGES_AROUND = 2  # page links either side of the current page


FACET_HEADINGS = {
    "type": gettext_lazy("Type"),
    "language": gettext_lazy("Language"),
    "region": gettext_lazy("Region"),
    "country": gettext_lazy("Country"),
    "sdg": gettext_lazy("SDG"),
    "theme": gettext_lazy("Theme"),
    "modality": gettext_lazy("Modality"),
    "year": gettext_lazy("Year"),
    "status": gettext_lazy("Status"),
}


@require_safe
@uncached  # every search is logged for the analytics
def search(request):
    query = SearchQuery.from_params(request.GET, page_size=search_settings.PAGE_SIZE)
    results, busy = None, False
    if query.text or query.filters:
        try:
            results = service.search(query)
        except service.SearchBusy:
            busy = True
        else:
            analytics.record(query, results)
    params = [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]
    if results:
        labels = fixed_labels("type", get_language())
        for hit in results.hits:
            hit.label = labels.get(hit.type, hit.type)
    started = time.perf_counter()
    response = render(
        request,
        "search/search.html",
        {
            "q": query.text,
            "query": query,
            "results": results,
            "busy": busy,
            "facets": shown_facets(results, query) if results else [],
            "page_querystring": urlencode(params),
            "pages": page_links(query.page, min(results.num_pages, MAX_PAGE)) if results else [],
            "chips": search_chips(results, query),
            "world_map": results_map(results, params) if results and results.count else None,
            "ask_url": ask_url(query),
            "suggestion_url": "?" + urlencode({**dict(params), "q": results.suggestion})
            if results and results.suggestion
            else None,
        },
    )
    return with_server_timing(response, results, rendered_ms=(time.perf_counter() - started) * 1000)


def results_map(results, params: list[tuple[str, str]]) -> dict:
    """Where the results are, as on the catalogue: each country a link adding its filter."""
    return world_map(results.country_counts, adding_country(params))


def search_chips(results, query: SearchQuery) -> list[dict]:
    """The active filters as removable chips (core/filter_chips.py), labelled as the facets are."""
    facets = results.facets if results else {}
    labels = {name: {o.value: o.label for o in facets.get(name, [])} for name in query.filters}
    active = [
        ActiveFilter(name, value, str(FACET_HEADINGS[name]), labels.get(name, {}).get(value, value))
        for name, values in query.filters.items()
        for value in values
    ]
    return filter_chips(active, kept=[("q", query.text), ("sort", "" if query.sort == "relevance" else query.sort)])


def shown_facets(results, query: SearchQuery) -> list[tuple]:
    """Each facet's heading, its values (the most frequent and the selected ones, all of them
    once expanded) and whether it has more to show."""
    return [
        (name, FACET_HEADINGS[name], results.facets[name], name in results.more_facets and name not in query.expanded)
        for name in FACETS
    ]


def page_links(current: int, last: int) -> list[int | None]:
    """The first and last pages and a few around the current one; ``None`` marks a gap. A broad
    search has thousands of pages, and linking every one was most of the page's time."""
    shown = {1, last, *range(current - PAGES_AROUND, current + PAGES_AROUND + 1)}
    links: list[int | None] = []
    previous = 0
    for number in sorted(n for n in shown if 1 <= n <= last):
        if number == previous + 2:
            links.append(previous + 1)
        elif number > previous + 2:
            links.append(None)
        links.append(number)
        previous = number
    return links


def with_server_timing(response, results, rendered_ms: float | None = None):
    """The whole search, the engine's own time and the page's rendering, for browsers' developer
    tools and the benchmark."""
    if results is not None:
        parts = [f"search;dur={results.took_ms:.1f}"]
        if results.engine_took_ms is not None:
            parts.append(f"engine;dur={results.engine_took_ms:.1f}")
        if rendered_ms is not None:
            parts.append(f"render;dur={rendered_ms:.1f}")
        response["Server-Timing"] = ", ".join(parts)
    return response


def ask_url(query: SearchQuery) -> str:
    """A new knowledge request filled in from what was searched for."""
    params = [("q", query.text)] if query.text else []
    for name in ("theme", "sdg", "country", "region", "modality", "language"):
        params += [(name, value) for value in query.selected(name)]
    return reverse("request_new") + ("?" + urlencode(params) if params else "")


def too_many(request, group: str) -> JsonResponse | None:
    if is_ratelimited(request, group=group, key="ip", rate=API_RATE, increment=True):
        response = JsonResponse({"error": {"message": _("Too many requests; try again in a minute.")}}, status=429)
        response["Retry-After"] = "60"
        return response
    return None


@require_safe
@uncached
def search_api(request):
    if limited := too_many(request, "search-api"):
        return limited
    try:
        query = SearchQuery.from_params(request.GET, page_size=search_settings.PAGE_SIZE, strict=True)
    except InvalidQuery as exc:
        return JsonResponse({"error": {"field": exc.field, "message": exc.message}}, status=400)
    try:
        results = service.search(query)
    except service.SearchBusy:
        response = JsonResponse(
            {"error": {"message": _("Search is busy right now; please try again in a few seconds.")}}, status=503
        )
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response
    analytics.record(query, results)
    response = JsonResponse(
        {
            "count": results.count,
            "page": query.page,
            "num_pages": results.num_pages,
            "results": [
                {
                    "type": hit.type,
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url) if hit.url else None,
                    "snippet": str(hit.snippet),
                    "language": hit.language,
                    "date": hit.date,
                }
                for hit in results.hits
            ],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in results.facets.items()
            },
            "suggestion": results.suggestion,
            "engine": results.engine,
            "notice": results.notice,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    return with_server_timing(response, results)


@require_safe
def suggest_api(request):
    if limited := too_many(request, "suggest-api"):
        return limited
    prefix = request.GET.get("q", "")
    if len(prefix) > 100:
        return JsonResponse({"error": {"field": "q", "message": _("The query is too long.")}}, status=400)
    return JsonResponse({"suggestions": service.suggest(prefix)}, json_dumps_params={"ensure_ascii": False})


# Any text is a search: the query is cleaned of NUL and other control characters here, so the
# site's refusal of NUL bytes (core/nul_bytes.py) leaves these views their text.
search.cleans_its_own_text = search_api.cleans_its_own_text = suggest_api.cleans_its_own_text = True
