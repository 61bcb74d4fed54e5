"""The one search service the site, the API and the commands go through.

With ``SEARCH_URL`` set it asks the node; if the node is down or slow it answers from the
database engine with a notice instead of failing (see ``breaker``). A database-engine search
takes at most ``DATABASE_BUDGET`` seconds, and as a fallback at most ``DATABASE_SEARCHES`` run
at once across the site; past either it raises ``SearchBusy``, which the page shows as "search
is busy" and the API as 503.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.utils.translation import gettext as _

from search import breaker
from search.conf import search_settings
from search.engines.clients import NodeUnavailable
from search.engines.database import DatabaseEngine
from search.engines.deadline import SearchBusy
from search.engines.node import NodeEngine
from search.query import SearchQuery, SearchResults, clean_text

SLOT = "search:database-slot:{number}"


def node_configured() -> bool:
    return bool(search_settings.URL)


def primary_engine():
    return NodeEngine() if node_configured() else DatabaseEngine()


def ask_node(method: str, *args):
    """The node's answer, or None when the breaker keeps it out or it fails (which the breaker
    is told about)."""
    turn = breaker.allow() if node_configured() else None
    if turn is None:
        return None
    try:
        engine = NodeEngine()
        answer = getattr(engine, method)(*args, timeout=breaker.timeout(engine.client))
    except NodeUnavailable as exc:
        breaker.failed(exc)
        return None
    breaker.succeeded(turn)
    return answer


def search(query: SearchQuery, background: bool = False) -> SearchResults:
    """``background``: for work that holds no visitor's request (matching a knowledge request in
    a task, seeding): the database engine then takes the time it needs instead of the visitors'
    budget and slots, which would fail the work rather than spare a worker."""
    results = ask_node("search", query)
    if results is not None:
        return results
    if background:
        results = DatabaseEngine().search(query)
    else:
        with database_turn():
            results = DatabaseEngine().search(query, budget=search_settings.DATABASE_BUDGET)
    if node_configured():
        results.notice = _("The search engine is not answering right now, so these results come from a simpler search.")
    return results


def suggest(prefix: str, limit: int = 10) -> list[str]:
    prefix = clean_text(prefix)[:100]
    suggestions = ask_node("suggest", prefix, limit)
    if suggestions is not None:
        return suggestions
    try:
        with database_turn():
            return DatabaseEngine().suggest(prefix, limit, budget=search_settings.DATABASE_BUDGET)
    except SearchBusy:
        return []


@contextmanager
def database_turn() -> Iterator[None]:
    """One of the site's few database-engine search slots while the node is out (a slot frees
    itself after the budget if its process dies); without a node the engine is not rationed."""
    if not node_configured():
        yield
        return
    token = secrets.token_hex(8)
    expiry = int(search_settings.DATABASE_BUDGET) + 2
    for number in range(search_settings.DATABASE_SEARCHES):
        key = SLOT.format(number=number)
        if cache.add(key, token, timeout=expiry):
            try:
                yield
            finally:
                if cache.get(key) == token:
                    cache.delete(key)
            return
    raise SearchBusy
