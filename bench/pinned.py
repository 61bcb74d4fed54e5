"""The search page against the node alone with the node on cores of its own, as when it runs on a
machine of its own: the node's JVM is pinned to ``--node-cpus`` and everything this script starts
(Redis, gunicorn, wrk) to the other cores. ``bench/run.py`` measures both on shared cores, where
the page's Python and the JVM compete for the same two; this shows how much of the gap that is.

    scripts/postgres.sh start; SEARCH_PORT=9250 scripts/search-node.sh start
    .venv/bin/python bench/run.py               # seeds the bench database and index, once
    .venv/bin/python bench/pinned.py            # 2 and 5 workers, 2 rounds each

For each worker count and round it prints the page's and the node alone's rate at 16 connections
(the node alone answers the same kind of searches, sent by wrk on the page's cores), the page's
share of it, and the CPU a page request cost in gunicorn and in the JVM. The node's affinity is
put back when it ends; the figures go to bench/results/<date>-pinned.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import wrk  # noqa: E402
from bench.run import REDIS_PORT, environment, setup_django  # noqa: E402
from bench.servers import remove, start_gunicorn, start_redis, wait_until_up, worker_pids  # noqa: E402

PORT = 8615
NODE_RATE = 1500  # searches a second handed to the node alone: more than it answers on one core
NODE_PID_FILE = ROOT / ".cache" / "opensearch" / "run" / "node.pid"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://minga:minga@127.0.0.1:54329/minga_bench")
    parser.add_argument("--search-url", default="http://127.0.0.1:9250")
    parser.add_argument("--node-cpus", default="0", help="the cores the node keeps, as 0 or 0,1")
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 5])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    args.small = False
    return args


def node_pid() -> int:
    pid = int(NODE_PID_FILE.read_text().strip())
    if b"org.opensearch.bootstrap.OpenSearch" not in Path(f"/proc/{pid}/cmdline").read_bytes():
        raise SystemExit(f"{NODE_PID_FILE} does not name a running node: start it with scripts/search-node.sh")
    return pid


def threads(pid: int) -> list[int]:
    return [int(tid) for tid in os.listdir(f"/proc/{pid}/task")]


def pin(pid: int, cpus: set[int]) -> dict[int, set[int]]:
    """Pins every thread of ``pid``; returns each thread's affinity before."""
    before = {}
    for tid in threads(pid):
        try:
            before[tid] = os.sched_getaffinity(tid)
            os.sched_setaffinity(tid, cpus)
        except (ProcessLookupError, PermissionError):
            continue  # a thread that ended meanwhile
    return before


def unpin(pid: int, before: dict[int, set[int]], default: set[int]) -> None:
    for tid in threads(pid):
        try:
            os.sched_setaffinity(tid, before.get(tid, default))
        except (ProcessLookupError, PermissionError):
            continue


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def measure(args, mix, node: int, site_pids: list[int]) -> dict:
    from bench.search_load import node_lines, site_body

    index = os.environ["SEARCH_INDEX"]
    base, node_base = f"http://127.0.0.1:{PORT}", args.search_url
    load = {"threads": 2, "connections": args.connections}
    wrk(base, mix.paths("/en/search/", 3), seconds=3, **load)
    before = cpu_seconds(site_pids), cpu_seconds([node])
    page = wrk(base, mix.paths("/en/search/", args.duration), seconds=args.duration, **load)
    after = cpu_seconds(site_pids), cpu_seconds([node])
    wrk(node_base, node_lines(index, mix.take(3 * NODE_RATE), site_body), seconds=3, timing="took", **load)
    alone = wrk(
        node_base,
        node_lines(index, mix.take(args.duration * NODE_RATE), site_body),
        seconds=args.duration,
        timing="took",
        **load,
    )
    requests = max(page["requests"], 1)
    return {
        "page_rps": page["rps"],
        "page_errors": page["errors"],
        "node_rps": alone["rps"],
        "node_repeated": alone["repeated"],
        "share": round(page["rps"] / max(alone["rps"], 0.1), 3),
        "gunicorn_ms_per_page": round(1000 * (after[0] - before[0]) / requests, 2),
        "jvm_ms_per_page": round(1000 * (after[1] - before[1]) / requests, 2),
    }


def main() -> None:
    args = arguments()
    node_cpus = {int(cpu) for cpu in args.node_cpus.split(",")}
    every = os.sched_getaffinity(0)
    others = every - node_cpus
    if not others or not node_cpus <= every:
        raise SystemExit(f"--node-cpus {args.node_cpus} must leave a core of {sorted(every)} to the site")
    env = environment(args)
    node = node_pid()
    os.sched_setaffinity(0, others)  # inherited by Redis, gunicorn and wrk
    redis, redis_dir = start_redis(REDIS_PORT)
    before = pin(node, node_cpus)
    results = []
    try:
        setup_django(env)
        from bench.search_load import REQUESTS_PER_SECOND, Mix

        per_round = REQUESTS_PER_SECOND * (args.duration + 3) + NODE_RATE * (args.duration + 3)
        mix = Mix(len(args.workers) * args.rounds * per_round, seed=41)
        for workers in args.workers:
            site = start_gunicorn(f"pinned-{workers}", "website.wsgi", PORT, env, workers)
            try:
                wait_until_up(f"http://127.0.0.1:{PORT}/en/", site)
                for number in range(1, args.rounds + 1):
                    figures = {"workers": workers, "round": number, **measure(args, mix, node, worker_pids(site.pid))}
                    results.append(figures)
                    print(
                        f"{workers} workers, round {number}: page {figures['page_rps']:.1f} req/s,"
                        f" node alone {figures['node_rps']:.1f} req/s, share {figures['share']:.2f};"
                        f" a page cost gunicorn {figures['gunicorn_ms_per_page']:.1f} ms"
                        f" and the JVM {figures['jvm_ms_per_page']:.1f} ms of CPU",
                        flush=True,
                    )
            finally:
                site.stop()
    finally:
        unpin(node, before, every)
        redis.stop()
        remove(redis_dir)
    out = ROOT / "bench" / "results" / f"{datetime.date.today().isoformat()}-pinned.json"
    out.write_text(
        json.dumps(
            {
                "node_cpus": sorted(node_cpus),
                "site_cpus": sorted(others),
                "connections": args.connections,
                "seconds": args.duration,
                "runs": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"done in {time.perf_counter() - started:.0f}s")
