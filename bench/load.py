"""One wrk run: fixed threads, connections and duration; percentiles from bench/wrk.lua."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "wrk.lua"


def wrk(
    base: str, paths: list[str], *, seconds: int, threads: int, connections: int, cookie: str = "", timing=False
) -> dict:
    """``timing``: True reads the node's took from Server-Timing, "took" from the answer's body
    (searches sent to the node itself, as "path<TAB>body" lines)."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s"]
    command += ["-s", str(SCRIPT)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    timing = {True: "1", False: "0"}.get(timing, timing)
    env = {**os.environ, "BENCH_PATHS": listing.name, "BENCH_TIMING": timing, "BENCH_THREADS": str(threads)}
    try:
        output = subprocess.run(command + [base], env=env, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(listing.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line[len("BENCH ") :])
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": raw["socket_errors"] + raw["http_errors"],
        "engine_samples": raw["engine_samples"],
        "engine_p50_ms": raw["engine_p50_ms"],
        "engine_p95_ms": raw["engine_p95_ms"],
        "repeated": raw["repeated"],
        "load_average": os.getloadavg()[0],
    }
