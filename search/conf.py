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
        """After a failure the node is not asked again for this long."""
        return int(_get("SEARCH_BREAKER_SECONDS", 30))

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
