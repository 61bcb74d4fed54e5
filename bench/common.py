"""Shared set-up for the benchmarks: a throwaway database of their own, never the dev one."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_name: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / '.cache' / database_name}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / ".cache" / "bench-media"))
    (ROOT / ".cache").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from website.baseline import ensure_baseline
    from website.site_tree import ensure_site_tree

    ensure_baseline()
    ensure_site_tree()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples):7.1f} ms   p95 {percentile(samples, 95):7.1f} ms"
