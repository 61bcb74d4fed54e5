"""Django's file cache, shared by every process of the embedded default (``make run``).

Django's ``FileBasedCache`` lists its whole folder on every write to see whether to cull: 2 ms a
write with 1,500 entries, and a page miss writes the page, its fragments and values. Counting is
done every ``CULL_EVERY`` writes of a process here, so the folder may pass ``MAX_ENTRIES`` by that
many before a third of it goes.
"""

from __future__ import annotations

import itertools

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 64


class FileCache(FileBasedCache):
    def __init__(self, dir, params) -> None:
        super().__init__(dir, params)
        self._writes = itertools.count()

    def _cull(self) -> None:
        if next(self._writes) % CULL_EVERY == 0:
            super()._cull()
