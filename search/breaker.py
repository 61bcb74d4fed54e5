"""A circuit breaker for the search node, shared by every process through the cache, so a node
that is down costs one failed request, not one per search, per save or per worker.

- Closed: searches go to the node. A refused or reset connection opens the breaker at once;
  timeouts and error answers open it only when ``TIMEOUTS_TO_OPEN`` of them come within
  ``TIMEOUT_WINDOW`` seconds. One slow answer sends that one search to the database engine.
- Open: searches go to the database engine for ``BREAKER_SECONDS``.
- Half-open: then one request, whichever comes first in any process, is let through as a probe;
  its success closes the breaker, its failure opens it again.

Indexing is guarded apart: a save waits on it (in the request, with the embedded task
backend), so any failed write pauses writes for ``BREAKER_SECONDS`` (the drift is repaired by
``search_check --repair``) without sending searches elsewhere, unless the node is gone.

A node that has just started answers its first searches slowly (a cold JVM, its shards just
opened), so while the youngest node of the cluster is less than ``WARM_SECONDS`` old, searches
wait ``WARM_TIMEOUT`` for it instead of ``TIMEOUT``. Its age is read from the node at most every
``NODE_CHECK_SECONDS`` per process.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

from core.page_cache import read_with_generation
from search.conf import search_settings
from search.engines.clients import CLIENT_ERRORS, NodeRefused, NodeUnavailable

logger = logging.getLogger(__name__)
OPEN_UNTIL = "search:breaker:open-until"
PROBE = "search:breaker:probe"
WRITES_PAUSED_UNTIL = "search:breaker:writes-paused-until"
FAILURES = "search:breaker:failures:{window}"
STATE_SECONDS = 24 * 3600  # how long the shared state is kept: past any open period


CLOSED, PROBING = "closed", "probing"


def allow() -> str | None:
    """Whether this request may ask the node: ``CLOSED`` when the breaker is, ``PROBING`` when
    it is this request's turn to probe a node that was down, None otherwise."""
    until = read_with_generation(OPEN_UNTIL)  # with the request's generation: one round trip
    if until is None:
        return CLOSED
    if until > time.time():
        return None
    return PROBING if cache.add(PROBE, True, timeout=max(1, int(search_settings.WARM_TIMEOUT) + 1)) else None


def node_is_down() -> bool:
    """Open, and not yet time to probe (for work that can wait, such as indexing)."""
    return (cache.get(OPEN_UNTIL) or 0) > time.time()


def allow_writes() -> bool:
    return not node_is_down() and (cache.get(WRITES_PAUSED_UNTIL) or 0) <= time.time()


def writes_failed(error: NodeUnavailable) -> None:
    logger.warning("search node failed a write, indexing paused for %ss: %s", search_settings.BREAKER_SECONDS, error)
    cache.set(WRITES_PAUSED_UNTIL, time.time() + search_settings.BREAKER_SECONDS, timeout=STATE_SECONDS)
    failed(error)


def succeeded(turn: str | None = PROBING) -> None:
    """A search the node answered: a probe's answer closes the breaker."""
    if turn == PROBING:
        cache.delete_many([OPEN_UNTIL, PROBE])
        logger.warning("search node answering again")


def failed(error: NodeUnavailable) -> None:
    """Opens the breaker when the node is gone, or slow or failing too often; a probe that
    fails opens it again."""
    if isinstance(error, NodeRefused) or cache.get(OPEN_UNTIL) is not None or too_many_failures():
        trip(str(error))
    else:
        logger.info("search node slow or failing once, this search uses the database: %s", error)


def too_many_failures() -> bool:
    """Counts a failure in the current window of ``TIMEOUT_WINDOW`` seconds; true when this and
    the previous window together hold ``TIMEOUTS_TO_OPEN``."""
    window = search_settings.TIMEOUT_WINDOW
    current = int(time.time() // window)
    key = FAILURES.format(window=current)
    cache.add(key, 0, timeout=window * 2 + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        count = 1
    previous = cache.get(FAILURES.format(window=current - 1)) or 0
    return count + previous >= search_settings.TIMEOUTS_TO_OPEN


def trip(reason: str) -> None:
    logger.warning(
        "search node unavailable, using the database engine for %ss: %s", search_settings.BREAKER_SECONDS, reason
    )
    cache.set(OPEN_UNTIL, time.time() + search_settings.BREAKER_SECONDS, timeout=STATE_SECONDS)
    cache.delete(PROBE)


def reset() -> None:
    window = int(time.time() // search_settings.TIMEOUT_WINDOW)
    cache.delete_many(
        [OPEN_UNTIL, PROBE, WRITES_PAUSED_UNTIL, *(FAILURES.format(window=w) for w in (window - 1, window))]
    )
    _node_age.clear()


_node_age: dict[str, tuple[float, float]] = {}  # URL → (when read, the youngest node's age then)


def timeout(client) -> float:
    """How long a search waits for the node: longer while a node of the cluster is young."""
    if node_age(client) < search_settings.WARM_SECONDS:
        return search_settings.WARM_TIMEOUT
    return search_settings.TIMEOUT


def node_age(client) -> float:
    now = time.monotonic()
    read_at, age = _node_age.get(search_settings.URL, (None, 0.0))
    if read_at is not None and now - read_at < search_settings.NODE_CHECK_SECONDS:
        return age + (now - read_at)
    try:
        age = client.youngest_uptime(timeout=search_settings.TIMEOUT)
    except (*CLIENT_ERRORS, OSError):
        # The search that follows meets the same node and reports it; asked again in a second.
        _node_age[search_settings.URL] = (now - search_settings.NODE_CHECK_SECONDS + 1, float("inf"))
        return float("inf")
    _node_age[search_settings.URL] = (now, age)
    return age
