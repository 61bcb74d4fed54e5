"""A page cache in a cache that other processes cannot see would serve what they changed, stale."""

from __future__ import annotations

from django.core import checks

PER_PROCESS = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@checks.register(checks.Tags.caches)
def page_cache_is_shared(app_configs, **kwargs) -> list[checks.CheckMessage]:
    from django.conf import settings

    from core.page_cache import setting

    if not setting("PAGE_CACHE_ENABLED"):
        return []
    backend = settings.CACHES.get(setting("PAGE_CACHE_ALIAS"), {}).get("BACKEND", "")
    if backend not in PER_PROCESS:
        return []
    return [
        checks.Error(
            "The page cache is on, in a cache of one process only: a change made in another process "
            "(a manage.py command, a worker) would not be seen.",
            hint="Use a cache every process shares (the file cache of the default settings, or Redis), "
            "or set PAGE_CACHE_ENABLED = False.",
            id="core.E001",
        )
    ]
