"""The one search service the site, the API and the commands go through.

With ``SEARCH_URL`` set it asks the node; if the node is down or slow it answers from the
database engine with a notice instead of failing.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from search import breaker
from search.conf import search_settings
from search.engines.clients import NodeUnavailable
from search.engines.database import DatabaseEngine
from search.engines.node import NodeEngine
from search.query import SearchQuery, SearchResults


def node_configured() -> bool:
    return bool(search_settings.URL)


def primary_engine():
    return NodeEngine() if node_configured() else DatabaseEngine()


def search(query: SearchQuery) -> SearchResults:
    if node_configured() and not breaker.node_is_down():
        try:
            return NodeEngine().search(query)
        except NodeUnavailable as exc:
            breaker.trip(str(exc))
    results = DatabaseEngine().search(query)
    if node_configured():
        results.notice = _("The search engine is not answering right now, so these results come from a simpler search.")
    return results


def suggest(prefix: str, limit: int = 10) -> list[str]:
    prefix = " ".join(prefix.split())[:100]
    if node_configured() and not breaker.node_is_down():
        try:
            return NodeEngine().suggest(prefix, limit)
        except NodeUnavailable as exc:
            breaker.trip(str(exc))
    return DatabaseEngine().suggest(prefix, limit)
