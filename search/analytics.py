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
from search.query import normalise

_lock = threading.Lock()
_buffer: list[tuple[str, str, str, int, float]] = []
_last_flush = time.monotonic()
FLUSH_SECONDS = 60


def record(text: str, result_count: int, engine: str, took_ms: float) -> None:
    global _last_flush
    text = normalise(text)[:200]
    if not text:
        return
    with _lock:
        _buffer.append((timezone.localdate().isoformat(), text, engine, result_count, took_ms))
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
    for day, text, engine, count, took in batch:
        row = totals[(day, text, engine)]
        row[0] += 1
        row[1] += 1 if count == 0 else 0
        row[2] = count
        row[3] += took
    for (day, text, engine), (searches, zero, last, took) in totals.items():
        changes = {
            "searches": F("searches") + searches,
            "zero_results": F("zero_results") + zero,
            "last_result_count": last,
            "total_ms": F("total_ms") + took,
        }
        if SearchQueryDay.objects.filter(day=day, text=text, engine=engine).update(**changes):
            continue
        try:
            with transaction.atomic():
                SearchQueryDay.objects.create(
                    day=day,
                    text=text,
                    engine=engine,
                    searches=searches,
                    zero_results=zero,
                    last_result_count=last,
                    total_ms=took,
                )
        except IntegrityError:
            SearchQueryDay.objects.filter(day=day, text=text, engine=engine).update(**changes)


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
