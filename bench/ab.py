"""Two versions of the site side by side on the same machine, database, cache and node: the
pages of the 2026-12-01 run (anonymous and signed in), for a commit before a change and for this
checkout, in alternating rounds, each against the bare view measured in the same round.

    scripts/postgres.sh start; SEARCH_PORT=9250 scripts/search-node.sh start
    .venv/bin/python bench/ab.py a5b4689                # before #16, against this checkout
    .venv/bin/python bench/ab.py a5b4689 --rounds 3 --seconds 10

The older commit is checked out with ``git worktree`` under .cache/bench-ab/ and served by this
checkout's virtualenv (its static files are copied over). It runs on the bench database as this
checkout migrated it: columns and tables added since are there but unread. Redis is emptied before
each server starts, so neither version serves the other's cached pages. Figures go to
bench/results/<date>-ab.json; run.py's own figures stay the reference for a single version.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import wrk  # noqa: E402
from bench.run import BARE_PORT, REDIS_PORT, SITE_PORT, environment, setup_django  # noqa: E402
from bench.servers import Process, start_redis, wait_until_up  # noqa: E402

PAGES = ("home", "catalogue", "solution", "news post", "thread, page 1", "thread, last page", "member directory")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", help="the commit to compare this checkout with")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--database-url", default="postgres://minga:minga@127.0.0.1:54329/minga_bench")
    parser.add_argument("--search-url", default="http://127.0.0.1:9250")
    return parser.parse_args()


def checkout(commit: str) -> Path:
    place = ROOT / ".cache" / "bench-ab" / commit
    if not place.exists():
        place.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "worktree", "add", "--detach", str(place), commit], cwd=ROOT, check=True)
    shutil.copytree(ROOT / "staticfiles", place / "staticfiles", dirs_exist_ok=True)
    return place


def gunicorn(name: str, root: Path, app: str, port: int, env: dict[str, str]) -> Process:
    """``app`` served from ``root``'s code by this checkout's virtualenv, as run.py serves it."""
    env = {**env, "PORT": str(port), "WEB_CONCURRENCY": "2"}
    return Process(name, [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", app], env, cwd=root)


def main() -> None:
    args = arguments()
    env = environment(args)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    versions = {args.before: checkout(args.before), "this checkout": ROOT}
    redis, redis_dir = start_redis(REDIS_PORT)
    bare_env = {key: value for key, value in env.items() if key != "DJANGO_SETTINGS_MODULE"}
    bare = gunicorn("ab-bare", ROOT, "bench.bare:application", BARE_PORT, bare_env)
    load = {"seconds": args.seconds, "threads": 2, "connections": 16}
    results: dict[str, list[dict]] = {name: [] for name in versions}
    try:
        wait_until_up(f"http://127.0.0.1:{BARE_PORT}/", bare)
        setup_django(env)
        from bench import pages as site_pages
        from bench import search_load

        pages = [page for page in site_pages.discover(search_load.Mix(100)) if page.name in PAGES]
        cookie = site_pages.member_cookie()
        for round_number in range(1, args.rounds + 1):
            for name, root in versions.items():
                subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "flushall"], check=True, capture_output=True)
                site = gunicorn("ab-site", root, "website.wsgi", SITE_PORT, env)
                try:
                    wait_until_up(f"http://127.0.0.1:{SITE_PORT}/en/", site)
                    wrk(f"http://127.0.0.1:{BARE_PORT}", ["/"], **{**load, "seconds": 2})
                    figures = {"bare": wrk(f"http://127.0.0.1:{BARE_PORT}", ["/"], **load)["rps"]}
                    for page in pages:
                        for who in ("anonymous", "member"):
                            sent = cookie if who == "member" else ""
                            wrk(f"http://127.0.0.1:{SITE_PORT}", page.paths, **{**load, "seconds": 2}, cookie=sent)
                            result = wrk(f"http://127.0.0.1:{SITE_PORT}", page.paths, **load, cookie=sent)
                            figures[f"{page.name} / {who}"] = result["rps"]
                            if result["errors"]:
                                raise RuntimeError(f"{name}: {page.name} ({who}) answered {result['errors']} errors")
                    results[name].append(figures)
                    print(f"round {round_number}, {name}: {json.dumps(figures)}", flush=True)
                finally:
                    site.stop()
    finally:
        bare.stop()
        redis.stop()
        shutil.rmtree(redis_dir, ignore_errors=True)
    print(table(results))
    out = ROOT / "bench" / "results" / f"{datetime.date.today().isoformat()}-ab.json"
    out.write_text(json.dumps({"before": args.before, "load": load, "rounds": results}, indent=2) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


def table(results: dict[str, list[dict]]) -> str:
    """Each page's mean requests/s and mean ratio to the bare view of its round, per version."""
    (before, older), (_name, newer) = results.items()
    lines = [f"| page / visitor | {before}: req/s · ratio | this checkout: req/s · ratio | change in ratio |"]
    lines.append("|---|---|---|---|")
    for key in [key for key in older[0] if key != "bare"]:
        cells = []
        for rounds in (older, newer):
            rps = sum(r[key] for r in rounds) / len(rounds)
            ratio = sum(r[key] / r["bare"] for r in rounds) / len(rounds)
            cells.append((rps, ratio))
        change = cells[1][1] / cells[0][1] - 1
        lines.append(
            f"| {key} | {cells[0][0]:.0f} · {cells[0][1]:.3f} | {cells[1][0]:.0f} · {cells[1][1]:.3f} | {change:+.0%} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
