import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What the production settings read that a test must set itself (the suite's own environment may have them).
PRODUCTION_VARIABLES = {
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "REDIS_URL",
    "SINGLE_PROCESS_DEPLOYMENT",
    "SECURE_SSL_REDIRECT",
}


def run_check(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    env.update({"DJANGO_SETTINGS_MODULE": "website.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


@pytest.fixture
def secrets(tmp_path) -> dict:
    """Everything production needs, with a nothing-listening Redis: `check` does not connect."""
    return {
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}",
        "ALLOWED_HOSTS": "minga.example.org",
        "SITE_URL": "https://minga.example.org",
        "REDIS_URL": "redis://127.0.0.1:9/0",
    }


def test_production_refuses_to_start_without_its_secrets():
    result = run_check({})
    assert result.returncode != 0
    assert "Production settings need the SECRET_KEY environment variable." in result.stderr


def test_production_starts_with_its_secrets(secrets):
    result = run_check(secrets)
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_site_url(secrets):
    """Every link in every email is built on it: without it they would point at 127.0.0.1."""
    del secrets["SITE_URL"]
    result = run_check(secrets)
    assert result.returncode != 0
    assert "Production settings need the SITE_URL environment variable." in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        "minga.example.org",
        "ftp://minga.example.org",
        "https://",
        "https://minga.example.org/?next=1",
        "http://minga.example.org",  # plain HTTP while the site redirects to HTTPS
        "https://elsewhere.example.org",  # a host the site does not answer
    ],
)
def test_production_refuses_a_site_url_that_would_break_links(secrets, value):
    result = run_check({**secrets, "SITE_URL": value})
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr and value in result.stderr


@pytest.mark.parametrize(
    "value, extra",
    [
        ("https://minga.example.org/", {}),
        ("https://Minga.Example.org:8443", {}),
        ("http://minga.example.org", {"SECURE_SSL_REDIRECT": "false"}),
        ("https://www.example.org/minga", {"ALLOWED_HOSTS": ".example.org"}),
    ],
)
def test_production_accepts_a_good_site_url(secrets, value, extra):
    result = run_check({**secrets, "SITE_URL": value, **extra})
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_redis(secrets):
    """Without a shared cache every worker would count rate limits on its own."""
    del secrets["REDIS_URL"]
    result = run_check(secrets)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr and "SINGLE_PROCESS_DEPLOYMENT" in result.stderr


def test_a_single_process_deployment_may_go_without_redis(secrets):
    del secrets["REDIS_URL"]
    assert run_check({**secrets, "SINGLE_PROCESS_DEPLOYMENT": "true"}).returncode == 0
    assert run_check({**secrets, "SINGLE_PROCESS_DEPLOYMENT": "false"}).returncode != 0


def test_the_search_breakers_knobs_come_from_the_environment():
    code = (
        "import django; django.setup(); from search.conf import search_settings as s; "
        "print(s.WARM_TIMEOUT, s.BREAKER_SECONDS, s.DATABASE_BUDGET, s.DATABASE_SEARCHES, s.TIMEOUTS_TO_OPEN)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "SEARCH_WARM_TIMEOUT": "4",
        "SEARCH_BREAKER_SECONDS": "20",
        "SEARCH_DATABASE_BUDGET": "0.5",
        "SEARCH_DATABASE_SEARCHES": "3",
        "SEARCH_TIMEOUTS_TO_OPEN": "5",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["4.0", "20", "0.5", "3", "5"]
