"""The anonymised search log. Searches are buffered in memory and written in batches by a
background task, so a search request itself never writes to the database."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django_tasks import task

from search.conf import search_settings
from search.query import SearchQuery, SearchResults, normalise

_lock = threading.Lock()
_buffer: list[tuple[str, str, str, str, int, float]] = []
_last_flush = time.monotonic()
FLUSH_SECONDS = 60
# The filters kept with a logged query: what a search was about, for the demand page.
TOPIC_FILTERS = ("theme", "sdg", "country", "region")


def topic_filters(query: SearchQuery) -> str:
    """The query's topic filters as a short, stable string: "country=MZ&sdg=2"."""
    pairs = [f"{name}={value}" for name in TOPIC_FILTERS for value in sorted(query.selected(name))]
    return "&".join(pairs)[:200]


def record(query: SearchQuery, results: SearchResults) -> None:
    """Logs a search with text, on its first page, without anything that identifies who made it."""
    global _last_flush
    text = normalise(query.text)[:200]
    if not text or query.page != 1:
        return
    row = (timezone.localdate().isoformat(), text, topic_filters(query), results.engine, results.count, results.took_ms)
    with _lock:
        _buffer.append(row)
        due = len(_buffer) >= search_settings.LOG_BATCH or time.monotonic() - _last_flush > FLUSH_SECONDS
        if not due:
            return
        batch, _buffer[:] = list(_buffer), []
        _last_flush = time.monotonic()
    store_searches.enqueue(batch)


@task()
def store_searches(batch: list) -> None:
    from search.models import SearchQueryDay

    totals: dict[tuple, list] = defaultdict(lambda: [0, 0, 0, 0.0])
    for day, text, filters, engine, count, took in batch:
        row = totals[(day, text, filters, engine)]
        row[0] += 1
        row[1] += 1 if count == 0 else 0
        row[2] = count
        row[3] += took
    for (day, text, filters, engine), (searches, zero, last, took) in totals.items():
        changes = {
            "searches": F("searches") + searches,
            "zero_results": F("zero_results") + zero,
            "last_result_count": last,
            "total_ms": F("total_ms") + took,
        }
        key = {"day": day, "text": text, "filters": filters, "engine": engine}
        if SearchQueryDay.objects.filter(**key).update(**changes):
            continue
        try:
            with transaction.atomic():
                SearchQueryDay.objects.create(
                    **key,
                    searches=searches,
                    zero_results=zero,
                    last_result_count=last,
                    total_ms=took,
                )
        except IntegrityError:
            SearchQueryDay.objects.filter(**key).update(**changes)


def discard_buffer() -> None:
    """Drops the searches not yet written and starts a new flush interval (for tests, which each
    start with an empty log and must not flush early because an earlier one ran long)."""
    global _last_flush
    with _lock:
        _buffer.clear()
        _last_flush = time.monotonic()


def unmet_queries(days: int = 90, minimum: int = 3) -> list[dict]:
    """Searches that found nothing at least ``minimum`` times in the last ``days`` days, with
    their topic filters: one visitor's rare search is never shown."""
    from search.models import SearchQueryDay

    since = timezone.localdate() - timedelta(days=days)
    return list(
        SearchQueryDay.objects.filter(day__gte=since, zero_results__gt=0)
        .values("text", "filters")
        .annotate(searches=Sum("zero_results"))
        .filter(searches__gte=minimum)
        .order_by("-searches", "text")
    )


def top_queries(days: int = 30, limit: int = 50, zero_only: bool = False):
    from search.models import SearchQueryDay

    since = timezone.localdate() - timedelta(days=days)
    rows = SearchQueryDay.objects.filter(day__gte=since)
    if zero_only:
        rows = rows.filter(zero_results__gt=0)
    return list(
        rows.values("text")
        .annotate(searches=Sum("searches"), zero=Sum("zero_results"))
        .order_by("-zero" if zero_only else "-searches", "text")[:limit]
    )
