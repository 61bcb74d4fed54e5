"""The search page and the JSON search API: thin views over the search service."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from search import analytics, service
from search.conf import search_settings
from search.documents import document_types
from search.query import FACETS, MAX_PAGE, InvalidQuery, SearchQuery
from website.page_cache import uncached

API_RATE = "60/m"
FACET_VALUES_SHOWN = 10
PAGES_AROUND = 2  # page links either side of the current page


def facet_heading(name: str) -> str:
    headings = {
        "type": _("Type"),
        "language": _("Language"),
        "region": _("Region"),
        "country": _("Country"),
        "sdg": _("SDG"),
        "theme": _("Theme"),
        "modality": _("Modality"),
        "year": _("Year"),
        "status": _("Status"),
    }
    return headings[name]


@require_GET
@uncached  # every search is logged for the analytics
def search(request):
    query = SearchQuery.from_params(request.GET, page_size=search_settings.PAGE_SIZE)
    results = None
    if query.text or query.filters:
        results = service.search(query)
        if query.text and query.page == 1:
            analytics.record(query.text, results.count, results.engine, results.took_ms)
    params = [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]
    if results:
        labels = {t.name: t.label for t in document_types()}
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
            "facets": shown_facets(results, query, request.GET.getlist("expand")) if results else [],
            "page_querystring": urlencode(params),
            "pages": page_links(query.page, min(results.num_pages, MAX_PAGE)) if results else [],
            "ask_url": ask_url(query),
            "suggestion_url": "?" + urlencode({**dict(params), "q": results.suggestion})
            if results and results.suggestion
            else None,
        },
    )
    return with_server_timing(response, results, rendered_ms=(time.perf_counter() - started) * 1000)


def shown_facets(results, query: SearchQuery, expanded: list[str]) -> list[tuple]:
    """Each facet's most frequent values and the selected ones; "Show all" expands one facet.
    Rendering every country and year of a large catalogue was most of the page's time."""
    facets = []
    for name in FACETS:
        values = results.facets[name]
        hidden = 0
        if name not in expanded and len(values) > FACET_VALUES_SHOWN:
            by_count = sorted(values, key=lambda option: -option.count)[:FACET_VALUES_SHOWN]
            kept = {option.value for option in by_count} | set(query.selected(name))
            hidden = len(values) - len(kept)
            values = [option for option in values if option.value in kept]
        facets.append((name, facet_heading(name), values, hidden))
    return facets


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


@require_GET
@uncached
def search_api(request):
    if limited := too_many(request, "search-api"):
        return limited
    try:
        query = SearchQuery.from_params(request.GET, page_size=search_settings.PAGE_SIZE, strict=True)
    except InvalidQuery as exc:
        return JsonResponse({"error": {"field": exc.field, "message": exc.message}}, status=400)
    results = service.search(query)
    if query.text and query.page == 1:
        analytics.record(query.text, results.count, results.engine, results.took_ms)
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


@require_GET
def suggest_api(request):
    if limited := too_many(request, "suggest-api"):
        return limited
    prefix = request.GET.get("q", "")
    if len(prefix) > 100:
        return JsonResponse({"error": {"field": "q", "message": _("The query is too long.")}}, status=400)
    return JsonResponse({"suggestions": service.suggest(prefix)}, json_dumps_params={"ensure_ascii": False})
