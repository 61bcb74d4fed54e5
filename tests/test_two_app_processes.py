"""Two app servers, one Redis, one PostgreSQL, as several app hosts would run: a change saved
through one is served by the other on the next request, and a rate limit counts the requests
made to both."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
SEARCH_API_LIMIT = 60  # search.views.API_RATE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            requests.get(url, timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds}s")


@pytest.fixture
def redis_url():
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is needed (scripts/test.sh installs the Debian package)")
    port, folder = free_port(), tempfile.mkdtemp(prefix="minga-test-redis-")
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", folder],
        stdout=subprocess.DEVNULL,
    )
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def two_app_servers(redis_url, transactional_db):
    """Two gunicorns with the production settings, on the test database."""
    if connection.vendor != "postgresql":
        pytest.fail("this test runs on PostgreSQL (DATABASE_URL), as several app hosts would")
    db = connection.settings_dict
    ports = [free_port(), free_port()]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": django_settings.SECRET_KEY,  # the sessions this test makes are signed with it
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DATABASE_PREPARED_STATEMENTS": "0",
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SEARCH_URL": "",
        "WEB_CONCURRENCY": "1",
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "LOG_LEVEL": "WARNING",
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):  # as a deployment does
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"],
            cwd=ROOT,
            env={**env, "SITE_URL": f"http://127.0.0.1:{ports[0]}"},
            check=True,
        )
    logs = ROOT / ".cache" / "test-logs"
    logs.mkdir(parents=True, exist_ok=True)
    servers = [
        subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "website.wsgi"],
            cwd=ROOT,
            env={**env, "PORT": str(port), "SITE_URL": f"http://127.0.0.1:{port}"},
            stdout=(logs / f"app-{number}.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        for number, port in enumerate(ports, start=1)
    ]
    try:
        for server, port in zip(servers, ports, strict=True):
            wait_for(f"http://127.0.0.1:{port}/health/", server)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def signed_in(base: str, user) -> requests.Session:
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(django_settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), django_settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    session = requests.Session()
    session.cookies.set(django_settings.SESSION_COOKIE_NAME, store.session_key)
    return session


def test_a_reply_through_one_server_is_on_the_others_cached_page(two_app_servers, make_member):
    from community.posting import start_thread

    first, second = two_app_servers
    author = make_member()
    author.date_joined -= timedelta(days=30)  # past the new-member holds of the production settings
    author.save()
    for number in range(3):
        start_thread(author, title=f"Earlier question {number}", body="Asked and answered.")
    thread = start_thread(author, title="Cold chains for vaccines", body="How do you keep vaccines cold?")
    url = thread.get_absolute_url()
    for base in (first, second, second):  # both have served it to visitors, the second from its cache
        assert "Solar fridges" not in requests.get(base + url, timeout=10).text

    member = signed_in(first, author)
    form = member.get(first + url, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    # Production marks the cookie Secure, which a client speaking plain HTTP keeps to itself.
    member.cookies.set(django_settings.CSRF_COOKIE_NAME, form.cookies[django_settings.CSRF_COOKIE_NAME])
    answer = member.post(
        first + url,
        data={"csrfmiddlewaretoken": token, "body": "Solar fridges, checked twice a day."},
        headers={"Referer": first + url},
        timeout=10,
        allow_redirects=False,
    )
    assert answer.status_code == 302

    assert "Solar fridges, checked twice a day." in requests.get(second + url, timeout=10).text


def test_a_rate_limit_counts_the_requests_made_to_both_servers(two_app_servers, site_tree):
    first, second = two_app_servers
    left = 60 - time.time() % 60
    if left < 20:  # the limit counts in windows of a minute on the clock: the run fits in one
        time.sleep(left + 0.2)
    statuses = [
        requests.get(base + "/api/v1/search/", params={"q": f"water {n}"}, timeout=10).status_code
        for n in range(SEARCH_API_LIMIT // 2 + 1)
        for base in (first, second)
    ]
    assert statuses[:SEARCH_API_LIMIT] == [200] * SEARCH_API_LIMIT  # 30 to each: 60 in all
    assert set(statuses[SEARCH_API_LIMIT:]) == {429}  # the 61st and 62nd, whichever server they reach
