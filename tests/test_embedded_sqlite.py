"""The embedded default (SQLite, database search) keeps a smoke test of its own, whatever
database the rest of the suite runs on: one file database, migrated and seeded once, as
`make run` makes it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SMOKE = """
from django.test import Client
client = Client()
for url in ["/en/", "/en/solutions/?region=002&sdg=2", "/es/solutions/", "/en/search/?q=water", "/sitemap.xml"]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
from solutions.models import SolutionPage
assert SolutionPage.objects.live().count() >= 40
print("smoke ok", SolutionPage.objects.live().search("water").count())
"""

# Two members post the first comment under the same page at the same moment, on pages nobody
# commented on yet, each in a thread of its own with its own connection to the file.
FIRST_COMMENTS = """
import threading
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection
from community.models import Thread
from community.posting import comment_on_page
from solutions.models import SolutionPage

print("journal", connection.cursor().execute("PRAGMA journal_mode").fetchone()[0])
members = []
for name in ("first", "second"):
    user = get_user_model().objects.create_user(username=name, email=f"{name}@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    members.append(user)
pages = list(SolutionPage.objects.live().exclude(pk__in=Thread.objects.exclude(page=None).values("page"))[:6])
failures = []

def comment(member, page, barrier):
    try:
        connection.ensure_connection()
        barrier.wait()
        comment_on_page(member, page, "A first comment")
    except Exception as exc:
        failures.append(repr(exc))
    finally:
        connection.close()

for page in pages:
    barrier = threading.Barrier(2)
    workers = [threading.Thread(target=comment, args=(member, page, barrier)) for member in members]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
assert not failures, failures
for page in pages:
    assert Thread.objects.get(page=page).posts.count() == 2
print("comments ok", len(pages))
"""


def manage(env: dict, *command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> dict:
    """The environment of a migrated and seeded embedded site."""
    folder = tmp_path_factory.mktemp("embedded")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'smoke.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "MEDIA_ROOT": str(folder / "media"),
        "DEMO_ADMIN_PASSWORD": "smoke-pass",
        "CACHE_DIR": str(folder / "cache"),
    }
    env.pop("SEARCH_URL", None)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    return env


def test_migrate_seed_and_serve_on_sqlite(embedded):
    result = manage(embedded, "shell", "-c", SMOKE)
    assert "smoke ok" in result.stdout
    assert int(result.stdout.split()[-1]) > 0  # the database search backend finds demo content


def test_two_first_comments_at_once_on_sqlite(embedded):
    """Two writers at once wait for each other (WAL, transactions that take the write lock when
    they begin, a busy timeout) instead of failing with "database is locked"."""
    result = manage(embedded, "shell", "-c", FIRST_COMMENTS)
    assert "journal wal" in result.stdout
    assert "comments ok 6" in result.stdout


IMPORTED = {
    "external_id": "second-process-0001",
    "title": "Rainwater cooperatives from a second process",
    "summary": "Villages pool their rainwater tanks and share the upkeep.",
    "challenge": "Dry seasons emptied the village wells.",
    "solution": "Neighbouring villages trained each other to keep shared tanks.",
    "language": "en",
    "provider_countries": ["BR"],
    "recipient_countries": ["MZ"],
    "cooperation_type": "south-south",
    "sdgs": [6],
    "themes": ["food-security"],
    "modalities": ["study-tour"],
    "status": "completed",
    "start_year": 2019,
}


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(base: str, path: str) -> tuple[str, str]:
    """A visitor's GET (no cookies): the body and whether the page cache answered."""
    import urllib.request

    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - our own http:// server
        return response.read().decode(), response.headers.get("X-Page-Cache", "")


@pytest.fixture
def running_site(embedded, tmp_path):
    """The embedded site as `make run` serves it (runserver, the page cache on, the default cache),
    with a cache folder of its own."""
    import time
    import urllib.error

    env = {**embedded, "CACHE_DIR": str(tmp_path / "cache")}
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                fetch(base, "/robots.txt")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield env, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def import_one(env: dict, folder, name: str) -> str:
    """`manage.py import_solutions` in a process of its own, as a member of staff would run it;
    the slug of the solution it made."""
    import json

    record = {**IMPORTED, "external_id": f"second-process-{name}", "title": f"{IMPORTED['title']} {name}"}
    lines = folder / "one.jsonl"
    lines.write_text(json.dumps(record) + "\n")
    manage(env, "import_solutions", str(lines))
    return f"rainwater-cooperatives-from-a-second-process-{name}"


def test_an_import_from_another_process_shows_in_the_catalogue_on_the_next_request(running_site, tmp_path):
    """The catalogue the running site had cached counts the imported solution at once, not ten
    minutes later."""
    import re

    env, base = running_site
    count = re.compile(r"(\d+) solutions")
    fetch(base, "/en/solutions/")
    catalogue, cached = fetch(base, "/en/solutions/")
    assert cached == "hit"  # the site keeps the catalogue in its cache
    before = int(count.search(catalogue).group(1))
    import_one(env, tmp_path, "catalogue")
    assert int(count.search(fetch(base, "/en/solutions/")[0]).group(1)) == before + 1


def test_an_import_from_another_process_shows_in_the_sitemap_on_the_next_request(running_site, tmp_path):
    env, base = running_site
    for _ in range(2):
        assert "second-process-sitemap" not in fetch(base, "/sitemap.xml")[0]
    slug = import_one(env, tmp_path, "sitemap")
    assert f"/{slug}/" in fetch(base, "/sitemap.xml")[0]
