"""Load benchmark of the site as deployed: gunicorn (production settings, 2 sync workers) on
PostgreSQL with the real search node and Redis, next to a bare Django view served the same way.

    scripts/postgres.sh start; SEARCH_PORT=9250 scripts/search-node.sh start
    .venv/bin/python bench/run.py            # the issue's sizes: 20,000 solutions, 200,000 posts
    .venv/bin/python bench/run.py --small    # a tenth of that, shorter runs

Seeds database ``minga_bench`` (and index ``minga-bench-content``) with seed_scale when it is
empty, runs wrk (2 threads, 16 connections) on each page, anonymous and signed in, and prints a
table; the figures go to bench/results/<date>.json. See README, "Benchmarks".
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import report, worker_times  # noqa: E402
from bench.load import wrk  # noqa: E402
from bench.servers import MemorySampler, remove, start_gunicorn, start_redis, wait_until_up  # noqa: E402
from bench.worker_times import LogWindow  # noqa: E402

SIZES = {
    "full": {"solutions": 20_000, "members": 5_000, "threads": 2_000, "posts": 200_000},
    "small": {"solutions": 2_000, "members": 500, "threads": 200, "posts": 20_000},
}
SITE_PORT, BARE_PORT, REDIS_PORT, NO_NODE_PORT, DEPLOYED_PORT = 8611, 8612, 6391, 8613, 8614
DEAD_NODE = "http://127.0.0.1:9"  # nothing listens there: a node that is down
# Searches a second the node alone could answer at most (the mix's slices): the reference query
# answered up to 2,081 a second (bench/results), and past its slice a run repeats searches.
NODE_RATE = 3000


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="a tenth of the sizes, 5 s runs")
    parser.add_argument("--database-url", default="postgres://minga:minga@127.0.0.1:54329/minga_bench")
    parser.add_argument("--search-url", default="http://127.0.0.1:9250")
    parser.add_argument("--duration", type=int, default=None, help="seconds per measured run (default 10)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of unmeasured load before each run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reseed", action="store_true", help="drop and seed the bench database again")
    parser.add_argument("--searches", type=int, default=250_000, help="distinct searches in the mix")
    parser.add_argument("--node-searches", type=int, default=600, help="searches sent one at a time to the node")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure the bare view and every page this many times, in rounds, and keep each page's median ratio",
    )
    return parser.parse_args()


def environment(args) -> dict[str, str]:
    size = "small" if args.small else "full"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-secret-key-not-for-any-real-site-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url if size == "full" else args.database_url + "_small",
        "SITE_URL": f"http://127.0.0.1:{SITE_PORT}",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "SEARCH_URL": args.search_url,
        "SEARCH_INDEX": "minga-bench-content" if size == "full" else "minga-bench-small-content",
        "SEARCH_WAGTAIL_PREFIX": "minga-bench-wagtail-" if size == "full" else "minga-bench-small-wagtail-",
        "SECURE_SSL_REDIRECT": "0",  # wrk speaks plain HTTP to gunicorn, as the proxy would
        "MEDIA_ROOT": str(ROOT / ".cache" / "bench-media"),
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def prepare_database(env: dict[str, str], sizes: dict[str, int], reseed: bool) -> None:
    import dj_database_url

    config = dj_database_url.parse(env["DATABASE_URL"])
    psql = ["psql", "-h", config["HOST"], "-p", str(config["PORT"]), "-U", config["USER"], "-d", "postgres", "-tAc"]
    psql_env = {**os.environ, "PGPASSWORD": config["PASSWORD"]}
    names = subprocess.run([*psql, "SELECT datname FROM pg_database"], env=psql_env, capture_output=True, text=True)
    exists = config["NAME"] in names.stdout.split()
    if exists and reseed:
        subprocess.run([*psql, f'DROP DATABASE "{config["NAME"]}"'], env=psql_env, check=True)
    if not exists or reseed:
        subprocess.run([*psql, f'CREATE DATABASE "{config["NAME"]}"'], env=psql_env, check=True)
    manage(env, "migrate", "--verbosity", "0")
    if not exists or reseed:
        options = [f"--{name}={value}" for name, value in sizes.items()]
        manage(env, "seed_scale", *options)
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def ensure_tools() -> None:
    if not (shutil.which("wrk") and shutil.which("redis-server")):
        subprocess.run([str(ROOT / "scripts" / "system-packages.sh"), "wrk", "redis-server"], check=True)


def main() -> None:
    args = arguments()
    ensure_tools()
    sizes = SIZES["small" if args.small else "full"]
    duration = args.duration or (5 if args.small else 10)
    env = environment(args)
    redis, redis_dir = start_redis(REDIS_PORT)
    processes = [redis]
    try:
        prepare_database(env, sizes, args.reseed)
        site = start_gunicorn("site", "website.wsgi", SITE_PORT, env, args.workers)
        bare_env = {key: value for key, value in env.items() if key != "DJANGO_SETTINGS_MODULE"}
        bare = start_gunicorn("bare", "bench.bare:application", BARE_PORT, bare_env, args.workers)
        # The same site with its node gone (connections refused): the fallback under load.
        no_node = start_gunicorn("site-no-node", "website.wsgi", NO_NODE_PORT, {**env, "SEARCH_URL": DEAD_NODE}, 2)
        processes += [site, bare, no_node]
        wait_until_up(f"http://127.0.0.1:{SITE_PORT}/en/", site)
        wait_until_up(f"http://127.0.0.1:{BARE_PORT}/", bare)
        wait_until_up(f"http://127.0.0.1:{NO_NODE_PORT}/en/", no_node)
        setup_django(env)
        from bench import pages as site_pages
        from bench import search_load

        index = env["SEARCH_INDEX"]
        mix = search_load.Mix(args.searches)
        search_load.warm(index, mix.take(20))
        pages = site_pages.discover(mix)
        cookie = site_pages.member_cookie()
        site_pages.count_queries(pages, cookie)
        load = {"seconds": duration, "threads": args.threads, "connections": args.connections}

        def measure(base: str, target, **options) -> dict:
            """``target``: a page (searches take fresh paths for each run), a function of the run's
            seconds giving its paths, or a list of paths."""
            if isinstance(target, site_pages.Page):
                paths_for = target.paths_for
            else:
                paths_for = target if callable(target) else lambda seconds: target
            settings = {**load, **options.pop("load", {})}
            log = options.pop("log", site.log.name)
            wrk(base, paths_for(args.warmup), **{**settings, "seconds": args.warmup}, **options)
            paths = paths_for(settings["seconds"])
            if options.get("timing") is not True:
                return wrk(base, paths, **settings, **options)
            window = LogWindow(Path(log))  # searches: also the workers' own time
            result = wrk(base, paths, **settings, **options)
            return {**result, **worker_times.summary(window.durations(urlparse(paths[0]).path))}

        sampler = MemorySampler(site.pid)
        sampler.start()
        rounds = []
        for round_number in range(1, args.repeat + 1):
            bare_result = measure(f"http://127.0.0.1:{BARE_PORT}", ["/"])
            print(f"round {round_number}: bare view {bare_result['rps']:.0f} requests/s", flush=True)
            rows = []
            for page in pages:
                for who in site_pages.audiences(page):
                    result = measure(
                        f"http://127.0.0.1:{SITE_PORT}",
                        page,
                        cookie=cookie if who == "member" else "",
                        timing=page.name.startswith("search"),
                    )
                    rows.append(report.row(page, who, result, bare_result))
                    print(report.line(rows[-1]), flush=True)
            rounds.append((bare_result, rows))
        bare_result, rows = report.medians(rounds)
        search_page = next(page for page in pages if page.name == "search page")
        search_alone = measure(  # no queueing: the page's own time next to the node's
            f"http://127.0.0.1:{SITE_PORT}",
            search_page,
            timing=True,
            load={"threads": 1, "connections": 1, "seconds": 3 * duration},  # ~30 s: enough samples for a p95
        )
        memory = sampler.stop()
        node = node_figures(args, index, mix, measure, search_load, duration)
        print(report.node_lines(node), flush=True)
        deployed = deployed_workers_figures(env, search_page, measure, node, processes)
        print(report.deployed_line(deployed), flush=True)
        fallback = fallback_figures(pages, rows, mix, measure, args.warmup + duration, args.connections)
        print(report.fallback_lines(fallback), flush=True)
    finally:
        for process in reversed(processes):
            process.stop()
        remove(redis_dir)
    results = {
        "date": datetime.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "sizes": counted_sizes(),
        "load": {
            **load,
            "warmup_seconds": args.warmup,
            "gunicorn_workers": args.workers,
            "tool": "wrk",
            "rounds": args.repeat,
        },
        "bare_view": bare_result,
        "pages": rows,
        "search_one_connection": search_alone,
        "search_node": node,
        "search_deployed_workers": deployed,
        "search_fallback": fallback,
        "memory": memory,
    }
    results["targets"] = report.targets(rows, search_alone, memory) + report.search_targets(
        bare_result, rows, search_alone, node, fallback
    )
    print(report.table(results))
    out = ROOT / "bench" / "results" / f"{results['date']}{'-small' if args.small else ''}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


def node_figures(args, index: str, mix, measure, search_load, duration: int) -> dict:
    """The same kind of searches straight to the node: one at a time for its own took (the
    site's query and the reference), and at the page's load for its throughput."""
    sequential = search_load.sequential_took(index, mix.take(args.node_searches))
    alone = {}
    for name, body in (("site", search_load.site_body), ("reference", search_load.reference_body)):
        alone[name] = measure(
            args.search_url,
            lambda seconds, body=body: search_load.node_lines(index, mix.take(seconds * NODE_RATE), body),
            timing="took",
        )
    return {"sequential": sequential, "at_load": alone}


def deployed_workers_figures(env: dict[str, str], search_page, measure, node: dict, processes: list) -> dict:
    """The search page at 16 connections on as many sync workers as gunicorn.conf.py gives this
    machine (2 x cores + 1): a worker waiting on the node holds no CPU, so two workers leave the
    cores idle part of the time. A figure beside the run's own (2 workers, as for every page)."""
    workers = min(2 * (os.cpu_count() or 1) + 1, 8)
    site = start_gunicorn("site-deployed-workers", "website.wsgi", DEPLOYED_PORT, env, workers)
    processes.append(site)
    try:
        wait_until_up(f"http://127.0.0.1:{DEPLOYED_PORT}/en/", site)
        result = measure(f"http://127.0.0.1:{DEPLOYED_PORT}", search_page, timing=True, log=site.log.name)
    finally:
        site.stop()
        processes.remove(site)
    node_rps = node["at_load"]["site"]["rps"]
    return {**result, "workers": workers, "node_rps": node_rps, "share_of_node": round(result["rps"] / node_rps, 3)}


def fallback_figures(pages, rows, mix, measure, seconds: int, connections: int) -> dict:
    """The site with its node gone: searches answer within their budget (the database engine with
    a notice, or "busy") and other pages keep serving, alone and while searches keep coming on
    as many connections again."""
    base = f"http://127.0.0.1:{NO_NODE_PORT}"
    by_name = {page.name: page for page in pages}
    figures = {}
    for name in ("search page", "search API", "catalogue", "thread, page 1"):
        figures[name] = share_of_normal(measure(base, by_name[name]), rows, name)
    for name in ("catalogue", "thread, page 1"):
        # "Normal" here is the same mixed load on the site with its node.
        normal = while_searching(f"http://127.0.0.1:{SITE_PORT}", by_name, name, measure, seconds, connections)
        gone = while_searching(base, by_name, name, measure, seconds, connections)
        figures[f"{name}, while searching"] = {
            **gone,
            "normal_rps": normal["rps"],
            "share": round(gone["rps"] / normal["rps"], 3),
        }
    return figures


def while_searching(base: str, by_name: dict, name: str, measure, seconds: int, connections: int) -> dict:
    """A page measured while searches keep coming to the same site on as many connections."""
    searches = by_name["search page"].paths_for(seconds + 10)
    searching = threading.Thread(
        target=wrk, args=(base, searches), kwargs={"seconds": seconds + 6, "threads": 1, "connections": connections}
    )
    searching.start()
    try:
        return measure(base, by_name[name])
    finally:
        searching.join()


def share_of_normal(result: dict, rows: list[dict], name: str) -> dict:
    normal = report.find(rows, name, "anonymous")
    return {**result, "normal_rps": normal["rps"], "share": round(result["rps"] / normal["rps"], 3)}


def counted_sizes() -> dict[str, int]:
    from community.models import Post, Profile, Thread
    from solutions.models import NewsPage, SolutionPage

    return {
        "solutions": SolutionPage.objects.count(),
        "news": NewsPage.objects.count(),
        "members": Profile.objects.count(),
        "threads": Thread.objects.count(),
        "posts": Post.objects.count(),
        "longest_thread_posts": Thread.objects.order_by("-post_count").values_list("post_count", flat=True).first(),
    }


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"done in {time.perf_counter() - started:.0f}s")
