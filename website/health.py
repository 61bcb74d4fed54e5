"""/health/: the state of the database, the search node, the task queue and the cache, with an
overall 200 or 503, for load balancers and the compose file.

Anyone learns only ok or not ok; the versions and the state of each part are for this host (the
container's own health check) and for whoever sends ``Authorization: Bearer <HEALTH_TOKEN>``. The
search node is asked at most once every HEALTH_SEARCH_SECONDS, whoever calls and however often."""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

# Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever its address.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


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


def run_check(check: Callable[[], dict]) -> dict:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # any failure of a dependency is a finding, not a crash
        result = {"ok": False, "error": exc.__class__.__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def search_state() -> dict:
    """The node's state from the shared cache, asked again once it is HEALTH_SEARCH_SECONDS old
    (a failure too: a node that is down is not asked on every hit either)."""
    from search.conf import search_settings

    key = "health:search:" + hashlib.sha256(search_settings.URL.encode()).hexdigest()[:16]
    state = None
    with contextlib.suppress(Exception):  # a broken cache is the cache check's finding
        state = cache.get(key)
    if state is None:
        state = run_check(check_search)
        with contextlib.suppress(Exception):
            cache.set(key, state, settings.HEALTH_SEARCH_SECONDS)
    return state


def sees_details(request: HttpRequest) -> bool:
    token = settings.HEALTH_TOKEN
    if token:
        scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and constant_time_compare(given.strip(), token):
            return True
    return is_this_host(request)


def is_this_host(request: HttpRequest) -> bool:
    """A loopback peer that no proxy forwarded for: the host's or container's own check."""
    if any(header in request.META for header in FORWARDING_HEADERS):
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@require_safe
def health(request):
    report = {name: search_state() if name == "search" else run_check(check) for name, check in CHECKS.items()}
    healthy = all(part["ok"] for part in report.values())
    body = {"status": "ok" if healthy else "unavailable"}
    if sees_details(request):
        body["checks"] = report
    return JsonResponse(body, status=200 if healthy else 503)
