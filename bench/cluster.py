"""Search on one node against search on a two-node cluster, same data, same load: the search page
and the node alone, each asked searches of the long-tail mix once.

    SEARCH_PORT=9250 scripts/search-node.sh start             # the single node of bench/run.py
    SEARCH_PORT=9262 scripts/search-node.sh start-cluster     # nodes on 9262 and 9263
    .venv/bin/python bench/cluster.py [--small]

The bench database must exist (bench/run.py seeds it). The cluster gets its own copy of the index
on first use (search_reindex). On a 2-core machine both nodes share the same two cores, so the
cluster cannot be faster: the point is that it answers everything, correctly, at a comparable rate.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import wrk  # noqa: E402
from bench.run import REDIS_PORT, environment, manage, setup_django  # noqa: E402
from bench.servers import remove, start_gunicorn, start_redis, wait_until_up  # noqa: E402

PORTS = {"one node": 8621, "two-node cluster": 8622}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--database-url", default="postgres://minga:minga@127.0.0.1:54329/minga_bench")
    parser.add_argument("--search-url", default="http://127.0.0.1:9250")
    parser.add_argument("--cluster-url", default="http://127.0.0.1:9262,http://127.0.0.1:9263")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def has_index(node: str, alias: str) -> bool:
    try:
        urllib.request.urlopen(f"{node}/_alias/{alias}", timeout=10)
    except urllib.error.HTTPError:
        return False
    return True


def main() -> None:
    args = arguments()
    args.repeat = 1
    env = environment(args)
    urls = {"one node": args.search_url, "two-node cluster": args.cluster_url}
    if not has_index(args.cluster_url.split(",")[0], env["SEARCH_INDEX"]):
        manage({**env, "SEARCH_URL": args.cluster_url}, "search_reindex")
    redis, redis_dir = start_redis(REDIS_PORT)
    processes = [redis]
    try:
        for name, url in urls.items():
            site = start_gunicorn(f"site-{name.split()[0]}", "website.wsgi", PORTS[name], {**env, "SEARCH_URL": url}, 2)
            processes.append(site)
            wait_until_up(f"http://127.0.0.1:{PORTS[name]}/en/", site)
        setup_django(env)
        from bench import search_load

        mix = search_load.Mix(40_000)
        load = {"threads": 2, "connections": args.connections}
        figures = {}
        for name, url in urls.items():
            base = f"http://127.0.0.1:{PORTS[name]}"
            wrk(base, mix.paths("/en/search/", args.warmup), seconds=args.warmup, **load)
            page = wrk(base, mix.paths("/en/search/", args.duration), seconds=args.duration, timing=True, **load)
            lines = search_load.node_lines(env["SEARCH_INDEX"], mix.take(args.duration * 1000), search_load.site_body)
            node = wrk(url.split(",")[0], lines, seconds=args.duration, timing="took", **load)
            figures[name] = {"search page": page, "node alone": node}
            print(
                f"{name:17s} search page {page['rps']:7.1f} req/s (p95 {page['p95_ms']:.0f} ms, {page['errors']} errors)"
                f"   node alone {node['rps']:7.1f} req/s (took p50 {node['engine_p50_ms']:.0f} ms)",
                flush=True,
            )
    finally:
        for process in reversed(processes):
            process.stop()
        remove(redis_dir)
    out = ROOT / "bench" / "results" / f"{datetime.date.today().isoformat()}-cluster.json"
    out.write_text(json.dumps({"load": load, "seconds": args.duration, **figures}, indent=2) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
