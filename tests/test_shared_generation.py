"""The page cache's generation is one for every process (core/page_cache.py): kept in a cache they
all share, and never a value an earlier generation had. tests/test_embedded_sqlite.py changes
content from a second process while the embedded site runs."""

from __future__ import annotations

import pytest
from django.test import override_settings

from core import page_cache
from core.checks import page_cache_is_shared
from solutions.models import SolutionPage

FILE_CACHE = {"default": {"BACKEND": "core.file_cache.FileCache", "LOCATION": "/tmp/unused-minga-cache"}}
MEMORY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.usefixtures("page_cache")
def test_a_generation_evicted_from_the_cache_never_comes_back(client, make_solution):
    """A full cache may drop the generation's key and keep entries: the generation that starts
    then must not be one those entries were stored under."""
    page = make_solution(title="Water kiosks")
    store = page_cache.cache()
    store.set(page_cache.GENERATION_KEY, 1, timeout=None)
    client.get(page.url)  # stored in generation 1
    store.delete(page_cache.GENERATION_KEY)
    SolutionPage.objects.filter(pk=page.pk).update(title="Solar water kiosks")  # no signal
    page_cache.invalidate()
    response = client.get(page.url)
    assert response.get("X-Page-Cache") != "hit" and "Solar water kiosks" in response.content.decode()


def test_a_page_cache_that_other_processes_cannot_see_is_refused(settings):
    settings.PAGE_CACHE_ENABLED = True
    with override_settings(CACHES=MEMORY_CACHE):
        assert [error.id for error in page_cache_is_shared(None)] == ["core.E001"]
    with override_settings(CACHES=FILE_CACHE):
        assert page_cache_is_shared(None) == []
    settings.PAGE_CACHE_ENABLED = False
    with override_settings(CACHES=MEMORY_CACHE):
        assert page_cache_is_shared(None) == []


def test_the_embedded_default_shares_its_cache_between_processes():
    from website.settings import dev

    backend = dev.CACHES["default"]["BACKEND"]
    assert backend == "core.file_cache.FileCache" and dev.CACHES["default"]["LOCATION"]
    assert getattr(dev, "PAGE_CACHE_ENABLED", True)
