"""Running actions at the same moment from several threads, each on its own database connection,
to show that check-then-insert races are closed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Starts every call at the same moment and returns what each returned or raised (an
    exception is returned, not raised, so the test sees every outcome)."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> object:
        try:
            connection.ensure_connection()  # connecting is not part of the race
            barrier.wait(timeout=30)
            return call()
        except Exception as exc:  # the outcome is what the test looks at
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))
