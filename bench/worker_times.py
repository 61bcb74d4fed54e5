"""How long the workers themselves took, from gunicorn's access log (``duration_ms``, the time from
the worker reading a request to its last byte written): a page's own time, without the time a
request waited in the listen queue for one of the 2 sync workers to be free.

At 16 connections on 2 workers a page of T ms waits about 8 × T before a worker reads it
(Little's law), so wrk's latency there measures the queue. The worker's time is what the page adds
to the node's ``took``."""

from __future__ import annotations

import re
from pathlib import Path

from bench.common import percentile

ACCESS_LINE = re.compile(r'"path": "(?P<path>[^"]*)".*?"status": "(?P<status>\d+)".*?"duration_ms": "(?P<ms>\d+)"')


class LogWindow:
    """The lines a log gains between ``__init__`` and ``durations()``."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.start = log.stat().st_size

    def durations(self, path_prefix: str) -> list[int]:
        with self.log.open("rb") as handle:
            handle.seek(self.start)
            lines = handle.read().decode("utf-8", "replace").splitlines()
        found = []
        for line in lines:
            match = ACCESS_LINE.search(line)
            if match and match["path"].startswith(path_prefix) and match["status"] == "200":
                found.append(int(match["ms"]))
        return found


def summary(durations: list[int]) -> dict:
    if not durations:
        return {"worker_samples": 0, "worker_p50_ms": -1.0, "worker_p95_ms": -1.0}
    return {
        "worker_samples": len(durations),
        "worker_p50_ms": float(percentile(durations, 50)),
        "worker_p95_ms": float(percentile(durations, 95)),
    }
