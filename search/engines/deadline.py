"""A time limit on a database-engine search, so one search never holds a worker for long: on
PostgreSQL each statement gets what is left of the budget (``statement_timeout``), on SQLite a
progress handler interrupts the statement, and the work in Python between statements checks
the clock. Past the budget the search raises ``SearchBusy``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connection, transaction

SQLITE_CHECK_EVERY = 1000  # virtual machine instructions between two looks at the clock


class SearchBusy(Exception):
    """The search did not finish within its budget."""


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise SearchBusy

    def bound(self) -> None:
        """Limits the next statements to what is left (PostgreSQL; SQLite watches on its own)."""
        self.check()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # an int: SET takes no bound parameters
                cursor.execute(f"SET LOCAL statement_timeout = {max(1, int(self.remaining() * 1000))}")


@contextmanager
def limited(seconds: float | None) -> Iterator[Deadline | None]:
    if seconds is None:
        yield None
        return
    deadline = Deadline(seconds)
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic():  # SET LOCAL lasts until the end of this transaction
                yield deadline
        except OperationalError as exc:
            if type(exc.__cause__).__name__ == "QueryCanceled":
                raise SearchBusy from exc
            raise
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        raw.set_progress_handler(lambda: time.monotonic() > deadline.ends, SQLITE_CHECK_EVERY)
        try:
            yield deadline
        except OperationalError as exc:
            if "interrupted" in str(exc):
                raise SearchBusy from exc
            raise
        finally:
            raw.set_progress_handler(None, 0)
    else:
        yield deadline
