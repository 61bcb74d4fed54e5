"""/health/: the state of the database, the search node, the task queue and the cache, with an
overall 200 or 503, for load balancers and the compose file."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def check_search() -> dict:
    from search.conf import search_settings

    if not search_settings.URL:
        return {"ok": True, "engine": "database"}
    from search.engines.clients import detect

    info = detect(search_settings.URL)
    return {"ok": True, "engine": info.distribution, "version": info.version}


def check_tasks() -> dict:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(status="READY").count()
        return {"ok": True, "backend": "database", "waiting": waiting}
    return {"ok": True, "backend": backend.rsplit(".", 1)[-1]}


def check_cache() -> dict:
    key, value = f"health:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    found = cache.get(key)
    cache.delete(key)
    return {"ok": found == value}


CHECKS = {"database": check_database, "search": check_search, "tasks": check_tasks, "cache": check_cache}


@never_cache
@require_GET
def health(request):
    report = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            report[name] = check()
        except Exception as exc:  # any failure of a dependency is a finding, not a crash
            report[name] = {"ok": False, "error": exc.__class__.__name__}
        report[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    healthy = all(part["ok"] for part in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": report}, status=200 if healthy else 503
    )
