"""Lighthouse mobile scores of the main pages, served as in production: gunicorn with
website.settings.production, whitenoise's compressed and cached static files, one worker.

    .venv/bin/python bench/lighthouse.py [--database-url sqlite:////path/db.sqlite3] [--runs 3]

Without --database-url a demo database is made once under .cache/lighthouse/ (migrate and
seed_demo, about a minute). Lighthouse (npm, pinned) is installed under .cache/lighthouse/ and runs
the system Chromium (CHROME_PATH, default /usr/bin/chromium) with the flags of the browser tests.
Prints each page's performance, accessibility, best-practices and SEO scores (the median of the
runs) and the largest contentful paint. A measurement for the notes, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import ROOT, start_gunicorn, wait_until_up
from tests.browser.conftest import CHROMIUM_ARGS

LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs Node 22
PREFIX = ROOT / ".cache" / "lighthouse"
CLI = PREFIX / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PORT = 8091


def install_lighthouse() -> None:
    if not CLI.is_file():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(PREFIX),
                "-E",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
                "--no-audit",
                "--no-fund",
            ],
            check=True,
        )


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "lighthouse-only-not-secret",
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "SECURE_SSL_REDIRECT": "false",  # plain http on the loopback
        "SINGLE_PROCESS_DEPLOYMENT": "true",
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(PREFIX / "media")),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def demo_database() -> str:
    path = PREFIX / "demo.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.dev", "DATABASE_URL": url}
        env["MEDIA_ROOT"] = str(PREFIX / "media")
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "seed_demo")
    return url


def first_link(base: str, path: str, pattern: str) -> str:
    html = urllib.request.urlopen(base + path, timeout=30).read().decode()
    return re.search(pattern, html).group(0).strip('"')


def pages(base: str) -> dict[str, str]:
    return {
        "home": "/en/",
        "catalogue": "/en/solutions/",
        "solution": first_link(base, "/en/solutions/", r'"/en/solutions/[\w-]+/"'),
        "search": "/en/search/?q=water",
        "thread": first_link(base, "/en/discussions/", r'"/en/discussions/t/\d+/[\w-]+/"'),
    }


def lighthouse(url: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(
            [
                "node",
                str(CLI),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report.name}",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
            ],
            env=env,
            check=True,
        )
        data = json.loads(Path(report.name).read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["lcp_ms"] = round(data["audits"]["largest-contentful-paint"]["numericValue"])
    scores["failed"] = sorted(
        audit_id
        for name in CATEGORIES
        for ref in data["categories"][name]["auditRefs"]
        if ref["weight"]
        and (audit_id := ref["id"])
        and (data["audits"][audit_id]["score"] or 0) < 1
        and name != "performance"
    )
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a seeded database (default: a demo SQLite under .cache/lighthouse/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median is printed")
    args = parser.parse_args()
    install_lighthouse()
    env = environment(args.database_url or demo_database())
    manage(env, "migrate", "--noinput", "-v", "0")  # production's own apps (the task queue's tables)
    manage(env, "collectstatic", "--noinput", "-v", "0")
    server = start_gunicorn("lighthouse", "website.wsgi", PORT, env, workers=1)
    base = f"http://127.0.0.1:{PORT}"
    try:
        wait_until_up(base + "/en/", server)
        print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'LCP ms':>7}  not passed")
        for name, path in pages(base).items():
            urllib.request.urlopen(base + path, timeout=30).read()  # warm the page cache
            runs = [lighthouse(base + path) for _ in range(args.runs)]
            median = {key: statistics.median(run[key] for run in runs) for key in [*CATEGORIES, "lcp_ms"]}
            failed = sorted({audit for run in runs for audit in run["failed"]})
            print(
                f"{name:<10} {median['performance']:>5.0f} {median['accessibility']:>5.0f} "
                f"{median['best-practices']:>5.0f} {median['seo']:>5.0f} {median['lcp_ms']:>7.0f}  {' '.join(failed)}",
                flush=True,
            )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
