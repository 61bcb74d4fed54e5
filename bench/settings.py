"""Production settings, with the one change a load test needs: no rate limits (the search API
allows 60 requests a minute per address, and every request of the benchmark comes from one)."""

from website.settings.production import *  # noqa: F403

RATELIMIT_ENABLE = False
