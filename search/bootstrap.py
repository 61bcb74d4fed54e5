"""Brings the node's indices in line after seeding or on start-up: ours through search_check's
repair, Wagtail's (the admin search) through its own update_index when it has none yet."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command

from search.engines.clients import NodeUnavailable, get_client
from search.reindex import check, reindex, repair
from search.service import node_configured


def bring_index_up_to_date(stdout=None) -> str:
    if not node_configured():
        return "database engine: nothing to index"
    try:
        client = get_client()
        if not client.alias_targets(settings.SEARCH_INDEX):
            _name, total = reindex()
            message = f"search index built: {total} documents"
        else:
            drift = check()
            if not drift.clean:
                repair(drift)
            message = f"search index checked: {len(drift.missing) + len(drift.stale) + len(drift.outdated)} repaired"
        prefix = settings.WAGTAILSEARCH_BACKENDS["default"].get("INDEX_PREFIX", "")
        if prefix and not client.indices(f"{prefix}*"):
            call_command("update_index", backend_name="default", stdout=stdout)
    except NodeUnavailable as exc:
        return f"search node unavailable ({exc}); the site will use the database engine"
    return message
