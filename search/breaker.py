"""A circuit breaker for the search node: after a failure the node is left alone for a while, so
a node that is down or hanging costs one timeout, not one per request or per save."""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

from search.conf import search_settings

logger = logging.getLogger(__name__)
KEY = "search:node-down-until"


def node_is_down() -> bool:
    return (cache.get(KEY) or 0) > time.time()


def trip(reason: str) -> None:
    logger.warning(
        "search node unavailable, using the database engine for %ss: %s", search_settings.BREAKER_SECONDS, reason
    )
    cache.set(KEY, time.time() + search_settings.BREAKER_SECONDS, search_settings.BREAKER_SECONDS)


def reset() -> None:
    cache.delete(KEY)
