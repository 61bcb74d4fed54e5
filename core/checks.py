"""What would make the page cache wrong, found when the site starts: a cache other processes cannot
see (it would serve what they changed, stale), or a page type naming a reader part nobody
registered (every reader of it would get an error)."""

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


@checks.register()
def reader_parts_are_registered(app_configs, **kwargs) -> list[checks.CheckMessage]:
    from core.shared_pages import declared_parts, reader_parts

    missing = sorted({name for names in declared_parts() for name in names if name not in reader_parts})
    return [
        checks.Error(
            f"A shared page type declares the reader part {name!r}, which no app registered.",
            hint="Register it with core.shared_pages.reader_parts.register(name, function) in the ready() "
            "of the app that owns it.",
            id="core.E002",
        )
        for name in missing
    ]
