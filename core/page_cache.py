"""Whole pages for anonymous visitors, from the shared cache.

Only what is the same for every anonymous visitor is stored: a GET or HEAD from a request with no
session and no messages cookie (so no signed-in member, no pending message), answered 200 with no
cookie set, no CSRF token rendered (a token belongs to one visitor), no ``Vary`` beyond ``Cookie``
and no ``private``/``no-store``. The key is the full URL with its language prefix and query string.

Any change anywhere invalidates every cached page: a generation number, stored with every entry,
is bumped on a save or delete of any model not declared per-member or ephemeral, a publish or an
unpublish (and again on commit); an entry is served only in the generation it was made in. A request reads the generation
before it renders, so a page rendered from data older than a bump is never served. Side effects of
a page (its view counter) are replayed on every hit, in batches.

The cache must be shared by all worker processes (Redis in production: ``REDIS_URL``); with a
per-process cache one worker would keep serving what another has invalidated, so production
turns the page cache on only with Redis.

Hits are answered twice over: by ``PageCacheApplication``, wrapped around the WSGI application
(``website/wsgi.py``), before Django builds a request at all; and by ``PageCacheMiddleware``, which
stores pages and answers hits for whatever does not come through that wrapper (the test client,
ASGI). Both find a page under the same key, made from the raw WSGI environ.
"""

from __future__ import annotations

import atexit
import hashlib
import threading
import time
import uuid
from collections import Counter
from http import HTTPStatus

from django.apps import apps
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.exceptions import DisallowedHost
from django.db import close_old_connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import cc_delim_re
from django.utils.http import parse_etags, parse_http_date_safe
from django.utils.translation import get_language

from core.request_ids import SAFE_ID

DEFAULTS = {
    # Off switch, e.g. for a deployment without a shared cache.
    "PAGE_CACHE_ENABLED": True,
    # Which of CACHES holds the pages; it must be shared by every worker process.
    "PAGE_CACHE_ALIAS": "default",
    # Upper bound on how long a page is served without any change happening.
    "PAGE_CACHE_SECONDS": 600,
    # Views counted on hits are written at most this often per worker, in one UPDATE per counter
    # (a write per hit would cost more than the hit); at most this much counting is lost if a
    # worker is killed outright. 0 writes each hit at once.
    "PAGE_CACHE_VIEW_FLUSH_SECONDS": 5,
    # Bytes of pages each process keeps beside the shared cache (see ``current_page``); 0: none.
    "PAGE_CACHE_LOCAL_BYTES": 16 * 1024 * 1024,
}
GENERATION_KEY = "page-cache:generation"
STATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")

# Models whose changes do not invalidate, by label, with why: every other model does.
PER_MEMBER = "per-member"  # seen only by its member, read on every request (in the reader's key)
EPHEMERAL = "ephemeral"  # logs, counters, indexes, sessions, queues: no shared page shows them as they are
_unwatched: dict[str, str] = {}
_watched_cache: dict[type, bool] = {}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


def cache():
    return caches[setting("PAGE_CACHE_ALIAS")]


def invalidate() -> None:
    """Stops every cached page from being served: now, and again when the current transaction
    commits, since a page rendered in between still shows the data from before the commit."""
    _bump()
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    _request.generation = None  # this request reads the new one
    store = cache()
    try:
        store.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (a fresh cache, or its key was evicted)
        store.set(GENERATION_KEY, time.time_ns(), timeout=None)


def per_member(*labels: str) -> None:
    """Declares models (``"app.Model"``) that only their member sees, read afresh on every request
    (notifications, follows, sign-in records): their changes keep the shared pages."""
    _declare(labels, PER_MEMBER)


def ephemeral(*labels: str) -> None:
    """Declares models that no shared page shows as they are: logs, view counters, search indexes,
    sessions, task queues, thumbnails. Watching them would empty the cache on every request."""
    _declare(labels, EPHEMERAL)


def _declare(labels, kind: str) -> None:
    _unwatched.update(dict.fromkeys(labels, kind))
    _watched_cache.clear()


def register(*models: type) -> None:
    """Watches ``models`` even where they were declared per-member or ephemeral."""
    for model in models:
        _unwatched.pop(model._meta.label, None)
    _watched_cache.clear()


def exemption(model: type) -> str | None:
    """``PER_MEMBER`` or ``EPHEMERAL`` for a model whose changes keep the pages, else None."""
    return _unwatched.get(model._meta.concrete_model._meta.label)


def is_watched(model: type) -> bool:
    """Every model is, unless declared per-member or ephemeral: a model added later, or one of a
    library, invalidates by default rather than leaving pages stale."""
    watched = _watched_cache.get(model)
    if watched is None:
        watched = _watched_cache[model] = exemption(model) is None
    return watched


def _changed(sender, instance, **kwargs) -> None:
    if is_watched(type(instance)):
        invalidate()


def _relations_changed(sender, instance, action, **kwargs) -> None:
    if action.startswith("post_") and is_watched(type(instance)):
        invalidate()


def _published(sender, **kwargs) -> None:
    invalidate()


def connect() -> None:
    """Invalidates on every save, delete and many-to-many change of a watched model, on publish and
    on unpublish; called once from ``CoreConfig.ready``. Apps declare what is not watched."""
    from django.core.signals import request_finished, request_started
    from wagtail.signals import page_published, page_unpublished

    request_started.connect(_request_started, dispatch_uid="page-cache-request-started")
    request_finished.connect(_request_finished, dispatch_uid="page-cache-request-finished")
    post_save.connect(_changed, dispatch_uid="page-cache-save")
    post_delete.connect(_changed, dispatch_uid="page-cache-delete")
    m2m_changed.connect(_relations_changed, dispatch_uid="page-cache-relations")
    page_published.connect(_published, dispatch_uid="page-cache-publish")
    page_unpublished.connect(_published, dispatch_uid="page-cache-unpublish")


def memoized(key: str, compute, in_process: bool = False):
    """``compute()``, kept in the shared cache until the next change anywhere (the pages'
    generation): for what costs the same for every visitor, signed in or not, such as facet
    counts or related records. Kept per interface language, which the key need not name, since
    most such values hold translated labels. Computed afresh every time when the page cache is off.

    ``in_process``: also kept in this process for its generation, for small values every page
    reads (the site's links, vocabulary labels): a page then checks them with the one read of the
    generation its request makes, not a round trip each."""
    if not setting("PAGE_CACHE_ENABLED"):
        return compute()
    store, full_key = cache(), f"page-cache:value:{get_language() or ''}:{key}"
    if in_process:
        generation = request_generation(store)
        kept = _in_process.get(full_key)
        if kept is not None and kept[0] == generation:
            return kept[1]
        entry = store.get(full_key)
    else:
        generation, entry = current(store, full_key)
    if entry is not None and entry[0] == generation:
        value = entry[1]
    else:
        value = compute()
        store.set(full_key, (generation, value), timeout=setting("PAGE_CACHE_SECONDS"))
    if in_process:
        if len(_in_process) >= IN_PROCESS_KEPT:
            _in_process.clear()
        _in_process[full_key] = (generation, value)
    return value


# Values memoized ``in_process``, by key: a handful per language and host.
_in_process: dict[str, tuple[int, object]] = {}
IN_PROCESS_KEPT = 200

# The generation the current request read (``None``: not read yet, or outside a request, where
# every read asks the cache): read once a request, not once a value.
_request = threading.local()


def request_generation(store) -> int:
    generation = getattr(_request, "generation", None) if getattr(_request, "active", False) else None
    if generation is None:
        generation = generation_in(store, store.get_many([GENERATION_KEY]))
        _request.generation = generation
    return generation


def read_with_generation(key: str, alias: str = DEFAULT_CACHE_ALIAS):
    """``key`` from the cache ``alias``, read in the same round trip as the request's generation
    when the request has yet to read it (it keeps it for the rest of the request): a search reads
    its breaker's state first and the generation for the site's chrome later, one round trip in
    all instead of two. A plain read outside a request, with the page cache off, or when pages are
    cached elsewhere."""
    store = caches[alias]
    if (
        not setting("PAGE_CACHE_ENABLED")
        or alias != setting("PAGE_CACHE_ALIAS")
        or not getattr(_request, "active", False)
        or getattr(_request, "generation", None) is not None
    ):
        return store.get(key)
    found = store.get_many([GENERATION_KEY, key])
    remember_generation(generation_in(store, found))
    return found.get(key)


def current(store, key: str) -> tuple[int, tuple | None]:
    """The generation and what is stored under ``key``, in one round trip. An entry is valid only
    for the generation it was made in."""
    found = store.get_many([GENERATION_KEY, key])
    return generation_in(store, found), found.get(key)


# Pages this process read or stored, kept beside the shared cache by key, with when they were
# kept: a hit on one of them reads only the generation (a few bytes) from the cache, not the page
# again (40 to 100 kB, a third of a hit's time). They are served under exactly the rule the shared
# copies are, only in the generation they were made in; and for at most LOCAL_PAGE_SECONDS, so a
# page outlives its shared copy's expiry by that much at most.
_local_pages: dict[str, tuple[float, tuple]] = {}
_local_lock = threading.Lock()
_local_size = 0
LOCAL_PAGE_SECONDS = 30


def current_page(store, key: str) -> tuple[int, tuple | None]:
    """As ``current``, for a whole page: from this process's copy when it is of the current
    generation, else from the shared cache (and then kept here)."""
    kept = kept_page(key)
    if kept is not None:
        generation = generation_in(store, store.get_many([GENERATION_KEY]))
        if kept[0] == generation:
            return generation, kept
    generation, entry = current(store, key)
    if entry is not None and entry[0] == generation:
        keep_page(key, entry)
    elif kept is not None:
        keep_page(key, None)
    return generation, entry


def kept_page(key: str) -> tuple | None:
    """This process's copy of the page under ``key``, of whatever generation, if it has one."""
    kept = _local_pages.get(key)
    return kept[1] if kept is not None and time.monotonic() - kept[0] < LOCAL_PAGE_SECONDS else None


def keep_page(key: str, entry: tuple | None) -> None:
    """Keeps ``entry`` (its content is the fourth item) as this process's copy of the page under
    ``key`` (``None``: forgets it), dropping the oldest copies beyond ``PAGE_CACHE_LOCAL_BYTES``."""
    global _local_size
    limit = setting("PAGE_CACHE_LOCAL_BYTES")
    with _local_lock:
        old = _local_pages.pop(key, None)
        if old is not None:
            _local_size -= len(old[1][3])
        if entry is None or len(entry[3]) > limit:
            return
        _local_pages[key] = (time.monotonic(), entry)
        _local_size += len(entry[3])
        while _local_size > limit:
            oldest = next(iter(_local_pages))
            _local_size -= len(_local_pages.pop(oldest)[1][3])


def generation_in(store, found: dict) -> int:
    """The generation among values read with ``get_many``. Where there is none (a fresh cache, or
    the key was evicted while entries stayed) a new one starts from the clock, never a value an
    earlier generation had, so no entry stored before is taken for current."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        store.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = store.get(GENERATION_KEY, 0)
    return generation


def remember_generation(generation: int) -> int:
    """The generation a request read for its own lookups, kept for the rest of it."""
    if getattr(_request, "active", False):
        _request.generation = generation
    return generation


def _request_started(**kwargs) -> None:
    _request.active, _request.generation = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.generation = False, None


def count_view(counter: type, **key) -> None:
    """Counts one view of ``counter`` (a view counter model), written with the others in one
    UPDATE per counter at most every ``PAGE_CACHE_VIEW_FLUSH_SECONDS``: a write and its commit
    on every view would cost a page more than the rest of its queries."""
    count_views([(counter._meta.label, key)])


def count_view_on_hits(response: HttpResponse, counter: type, **key) -> None:
    """Tells the cache to bump ``counter`` (a view counter model) for every hit on this response."""
    views = getattr(response, "page_cache_views", [])
    views.append((counter._meta.label, key))
    response.page_cache_views = views


def uncached(view):
    """A view whose responses are never cached (it logs or varies per request)."""
    from functools import wraps

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.page_cache_exempt = True
        _uncached_paths[request.META.get("PATH_INFO", "")] = None
        if len(_uncached_paths) > UNCACHED_PATHS_KEPT:
            del _uncached_paths[next(iter(_uncached_paths))]
        return response

    return wrapper


# Paths an ``@uncached`` view answered in this process: a later request for one (a search, with
# any query string) is not looked up among cached and shared pages, a round trip or two that could
# never find anything. A path leads to the same view for the life of the process.
_uncached_paths: dict[str, None] = {}
UNCACHED_PATHS_KEPT = 1_000


def known_uncached(environ) -> bool:
    return environ.get("PATH_INFO", "") in _uncached_paths


def is_anonymous_read(request) -> bool:
    return request.method in ("GET", "HEAD") and not any(name in request.COOKIES for name in STATE_COOKIES)


def environ_is_anonymous_read(environ) -> bool:
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    cookies = environ.get("HTTP_COOKIE")
    return not cookies or not any(name in parse_cookie(cookies) for name in STATE_COOKIES)


# Everything in the environ that Django builds a request's absolute URL from (scheme, host, path,
# query), so that one key never stands for two URLs.
KEY_PARTS = (
    "REQUEST_METHOD",
    "wsgi.url_scheme",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "SERVER_NAME",
    "SERVER_PORT",
    "SCRIPT_NAME",
    "PATH_INFO",
    "QUERY_STRING",
)


def page_key(environ) -> str:
    raw = "\n".join(str(environ.get(name, "")) for name in KEY_PARTS)
    return "page-cache:page:" + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def can_store(request, response) -> bool:
    if response.status_code != 200 or response.streaming or getattr(response, "page_cache_exempt", False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_csp_nonce", None):
        return False  # a cookie, a CSRF token or a CSP nonce belongs to one visitor
    if getattr(request, "_messages", None) and len(request._messages):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    cache_control = response.get("Cache-Control", "").lower()
    return vary <= {"cookie"} and "private" not in cache_control and "no-store" not in cache_control


class PageCacheMiddleware:
    """Placed right after the request id (and WhiteNoise, in production): stores what a miss
    renders and answers hits that did not come through ``PageCacheApplication``. A hit costs one
    cache read and skips everything else, the security and CSP middlewares too, whose headers (the
    same for every visitor of a URL) are stored with the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not setting("PAGE_CACHE_ENABLED") or not is_anonymous_read(request) or known_uncached(request.META):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:  # never stored: Django answers it with a 400
            return self.get_response(request)
        store, key = cache(), page_key(request.META)
        generation, entry = current_page(store, key)
        remember_generation(generation)
        if entry is not None and entry[0] == generation:
            return replay(entry, request.META)
        response = self.get_response(request)
        if can_store(request, response):
            views = getattr(response, "page_cache_views", [])
            entry = (generation, response.status_code, list(response.items()), response.content, views)
            store.set(key, entry, timeout=setting("PAGE_CACHE_SECONDS"))
            keep_page(key, entry)
        return response


def still_fresh(environ, status: int, headers) -> bool:
    """Whether a client already holds this stored answer: its ETag matches If-None-Match, or
    (without one) it is no newer than If-Modified-Since. Then a hit is a 304 without a body."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if status != 200 or not (if_none_match or environ.get("HTTP_IF_MODIFIED_SINCE")):
        return False  # most requests: nothing to compare, so no header is looked at
    stored = {name.lower(): value for name, value in headers}
    if if_none_match and "etag" in stored:
        return stored["etag"] in parse_etags(if_none_match) or if_none_match.strip() == "*"
    since = parse_http_date_safe(environ.get("HTTP_IF_MODIFIED_SINCE", ""))
    modified = parse_http_date_safe(stored.get("last-modified", ""))
    return since is not None and modified is not None and modified <= since


def replay(entry, environ=None) -> HttpResponse:
    _generation, status, headers, content, views = entry
    if views:
        count_views(views)
    if environ is not None and still_fresh(environ, status, headers):
        status, content = 304, b""
        headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheApplication:
    """Wraps the WSGI application: an anonymous read whose page is in the cache, in the current
    generation, is answered from the stored status, headers and body, with a request id of its
    own, and never reaches Django's handler; everything else goes on to ``application``."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if not setting("PAGE_CACHE_ENABLED") or not environ_is_anonymous_read(environ) or known_uncached(environ):
            return self.application(environ, start_response)
        generation, entry = current_page(cache(), page_key(environ))
        if entry is None or entry[0] != generation:
            return self.application(environ, start_response)
        _generation, status, headers, content, views = entry
        if views:
            count_views(views, outside_request=True)
        if still_fresh(environ, status, headers):
            status, content = 304, b""
            headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if SAFE_ID.match(incoming) else uuid.uuid4().hex
        headers = [
            *((name, value) for name, value in headers if name.lower() != "x-request-id"),
            ("X-Request-ID", request_id),
            ("X-Page-Cache", "hit"),
        ]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [content]  # the server drops the body of an answer to HEAD, as it does Django's


_pending_views: Counter = Counter()
_pending_lock = threading.Lock()
_flushed_at = time.monotonic()


def count_views(views: list[tuple[str, dict]], outside_request: bool = False) -> None:
    with _pending_lock:
        for label, key in views:
            _pending_views[(label, tuple(sorted(key.items())))] += 1
        due = time.monotonic() - _flushed_at >= setting("PAGE_CACHE_VIEW_FLUSH_SECONDS")
    if due:
        if outside_request:  # Django's handler would have dropped a broken or expired connection
            close_old_connections()
        flush_views()


@atexit.register
def flush_views() -> None:
    """Writes the views counted on hits: one UPDATE per counter, however many hits it had."""
    global _flushed_at
    from core.view_counters import increment_counter

    with _pending_lock:
        pending = dict(_pending_views)
        _pending_views.clear()
        _flushed_at = time.monotonic()
    for (label, key), hits in pending.items():
        increment_counter(apps.get_model(label), by=hits, **dict(key))
