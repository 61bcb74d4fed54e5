"""Search settings with their defaults in one place (read from Django settings, set from the
environment in website/settings/base.py)."""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


class SearchSettings:
    @property
    def URL(self) -> str:
        """The search node, e.g. https://user:pass@search.example.org:9200; empty: database engine."""
        return _get("SEARCH_URL", "") or ""

    @property
    def INDEX(self) -> str:
        """The alias searches go through; concrete indices are named <alias>-<timestamp>."""
        return _get("SEARCH_INDEX", "minga-content")

    @property
    def TIMEOUT(self) -> float:
        """Seconds to wait for the node before falling back (saving must stay under 2 s)."""
        return float(_get("SEARCH_TIMEOUT", 0.8))

    @property
    def BULK_TIMEOUT(self) -> float:
        """Seconds a rebuild waits for one bulk request: batches of 500 documents take longer than
        a search, and nobody is waiting on a page meanwhile."""
        return float(_get("SEARCH_BULK_TIMEOUT", 60))

    @property
    def BREAKER_SECONDS(self) -> int:
        """Once the breaker opens, the node is not asked for this long; then one request probes it."""
        return int(_get("SEARCH_BREAKER_SECONDS", 10))

    @property
    def TIMEOUTS_TO_OPEN(self) -> int:
        """Timeouts or error answers within TIMEOUT_WINDOW (or the window before) that open the
        breaker; fewer only send their own searches to the database engine."""
        return int(_get("SEARCH_TIMEOUTS_TO_OPEN", 3))

    @property
    def TIMEOUT_WINDOW(self) -> int:
        return int(_get("SEARCH_TIMEOUT_WINDOW", 10))

    @property
    def WARM_SECONDS(self) -> float:
        """A node younger than this is still warming up: its searches get WARM_TIMEOUT."""
        return float(_get("SEARCH_WARM_SECONDS", 60))

    @property
    def WARM_TIMEOUT(self) -> float:
        """What a search waits for a node that has just started (a cold node's first searches
        took 0.5-0.8 s here, against a few ms once warm)."""
        return float(_get("SEARCH_WARM_TIMEOUT", 2.5))

    @property
    def NODE_CHECK_SECONDS(self) -> float:
        """How often each process reads the nodes' age (one small request)."""
        return float(_get("SEARCH_NODE_CHECK_SECONDS", 5))

    @property
    def DATABASE_BUDGET(self) -> float:
        """Seconds a database-engine search may take before it gives up with "search is busy"."""
        return float(_get("SEARCH_DATABASE_BUDGET", 1.5))

    @property
    def DATABASE_SEARCHES(self) -> int:
        """Database-engine searches at once across the site; more answer "search is busy" at
        once, so a node outage cannot tie up every worker."""
        return int(_get("SEARCH_DATABASE_SEARCHES", 1))

    @property
    def SHARDS(self) -> int:
        """Primary shards of a new index (one fits up to a few million documents)."""
        return int(_get("SEARCH_SHARDS", 1))

    @property
    def REPLICAS(self) -> int | None:
        """Copies of each shard; None: one when the cluster has two or more data nodes, none on a
        single node, following the cluster as nodes join or leave (auto_expand_replicas)."""
        value = _get("SEARCH_REPLICAS", None)
        return None if value in (None, "") else int(value)

    @property
    def VERIFY_CERTS(self) -> bool:
        return bool(_get("SEARCH_VERIFY_CERTS", True))

    @property
    def CA_CERTS(self) -> str | None:
        return _get("SEARCH_CA_CERTS", None)

    @property
    def PAGE_SIZE(self) -> int:
        return int(_get("SEARCH_PAGE_SIZE", 10))

    @property
    def LOG_BATCH(self) -> int:
        """Searches buffered in memory before the anonymised log is written."""
        return int(_get("SEARCH_LOG_BATCH", 20))


search_settings = SearchSettings()
