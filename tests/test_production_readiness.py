"""Security headers, health, error pages and the deploy check."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_passes_with_production_settings(tmp_path):
    # Only what a production host would have: no test-only switches such as DJANGO_ALLOW_ASYNC_UNSAFE.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEARCH_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="k" * 30 + "Zq9!x" * 10,
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        ALLOWED_HOSTS="minga.example.org",
        SITE_URL="https://minga.example.org",
        REDIS_URL="redis://127.0.0.1:9/0",  # check does not connect
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_security_headers_on_every_response(client, site_tree):
    for url in ("/en/", "/en/solutions/", "/en/search/?q=x", "/api/v1/search/?q=x", "/robots.txt"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert len(response["X-Request-ID"]) >= 16


def test_admin_gets_its_allowances_only_under_admin(client, site_tree):
    admin_policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in admin_policy.split("script-src")[1].split(";")[0]


def test_documents_are_served_as_downloads(client, site_tree):
    from solutions.resource_actions import Version, create_resource
    from website.demo_media import make_pdf

    resource = create_resource(
        slug="d", title="Doc", description="", versions=[Version("en", "Doc", "doc.pdf", make_pdf("Doc", "x", "en"))]
    )
    document = resource.versions.get()
    response = client.get(document.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_health_reports_each_part_and_fails_with_503(client, site_tree, settings):
    data = client.get("/health/").json()
    assert data["status"] == "ok" and set(data["checks"]) == {"database", "search", "tasks", "cache"}
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.SEARCH_TIMEOUT = 0.5
    from search.engines.clients import node_info

    node_info.cache_clear()
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == {
        "ok": False,
        "error": "NodeRefused",  # nothing listens there: refused, not merely unavailable
        "ms": response.json()["checks"]["search"]["ms"],
    }


PUBLIC = {"REMOTE_ADDR": "203.0.113.9"}  # a visitor's address, not this host


def test_health_tells_the_public_only_whether_the_site_is_up(client, site_tree, settings, page_cache):
    settings.HEALTH_TOKEN = "a-long-random-health-token-0123456789"
    assert "checks" in client.get("/health/").json()  # this host's answer is never served to others
    for extra in (PUBLIC, {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, {"REMOTE_ADDR": "10.1.2.3"}):
        response = client.get("/health/", **extra)  # the second came through a proxy on this host
        assert response.status_code == 200 and response.json() == {"status": "ok"}, extra
    for header in ("Bearer wrong-token", "Bearer ", "a-long-random-health-token-0123456789", "Basic Zm9vOmJhcg=="):
        response = client.get("/health/", HTTP_AUTHORIZATION=header, **PUBLIC)
        assert response.json() == {"status": "ok"}, header
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.SEARCH_TIMEOUT = 0.2
    response = client.get("/health/", **PUBLIC)
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}


def test_health_details_for_the_token_or_this_host(client, site_tree, settings):
    settings.HEALTH_TOKEN = "a-long-random-health-token-0123456789"
    for extra in (
        {"HTTP_AUTHORIZATION": "Bearer a-long-random-health-token-0123456789", **PUBLIC},
        {"HTTP_AUTHORIZATION": "bearer  a-long-random-health-token-0123456789", **PUBLIC},
        {"REMOTE_ADDR": "127.0.0.1"},
        {"REMOTE_ADDR": "::1"},
    ):
        data = client.get("/health/", **extra).json()
        assert set(data["checks"]) == {"database", "search", "tasks", "cache"}, extra
        assert data["checks"]["database"]["vendor"]
    settings.HEALTH_TOKEN = ""  # no token set: an empty one opens nothing
    assert client.get("/health/", HTTP_AUTHORIZATION="Bearer ", **PUBLIC).json() == {"status": "ok"}


def test_health_asks_the_search_node_once_in_a_while(client, site_tree, settings, monkeypatch):
    """Load balancers call /health/ every few seconds from every address: the node's state is
    kept in the shared cache for HEALTH_SEARCH_SECONDS, failures included."""
    from search.engines import clients
    from search.node_info import NodeInfo

    asked = []

    def read_node_info(url, *args, **kwargs):
        asked.append(url)
        if url.endswith(":9"):
            raise OSError("connection refused")
        return NodeInfo("opensearch", "2.19.1")

    monkeypatch.setattr(clients, "read_node_info", read_node_info)
    settings.SEARCH_URL = "http://search.invalid:9200"
    for _ in range(3):
        data = client.get("/health/").json()
        assert data["checks"]["search"]["engine"] == "opensearch" and data["checks"]["search"]["version"] == "2.19.1"
    assert asked == ["http://search.invalid:9200"]
    settings.SEARCH_URL = "http://127.0.0.1:9"
    assert [client.get("/health/", **PUBLIC).status_code for _ in range(3)] == [503] * 3
    assert asked == ["http://search.invalid:9200", "http://127.0.0.1:9"]
    from django.core.cache import cache

    cache.clear()  # the state is in the shared cache, so every worker asks once
    client.get("/health/")
    assert len(asked) == 3


def test_friendly_404_and_403_pages(client, member_client, site_tree):
    missing = client.get("/en/no-such-page/")
    assert missing.status_code == 404 and "Page not found" in missing.content.decode()
    refused = member_client.get("/en/moderation/")
    assert refused.status_code == 403
    assert "Only moderators can see the review queue." in refused.content.decode()


@pytest.fixture
def member_client(client, make_member):
    client.force_login(make_member())
    return client


def test_server_errors_show_and_log_the_request_id(client, caplog):
    client.raise_request_exception = False
    with (
        override_settings(ROOT_URLCONF="tests.error_urls", DEBUG=False),
        caplog.at_level(logging.ERROR, logger="django.request"),
    ):
        response = client.get("/boom/", HTTP_X_REQUEST_ID="req-12345")
    assert response.status_code == 500
    assert "req-12345" in response.content.decode()
    assert response["X-Request-ID"] == "req-12345"
    assert any(getattr(r, "request_id", None) == "req-12345" for r in caplog.records)


def test_json_log_lines_carry_the_request_id():
    from core.log_format import JsonFormatter

    record = logging.LogRecord("minga", logging.ERROR, __file__, 1, "failed %s", ("x",), None)
    record.request_id = "abc"
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "failed x" and line["request_id"] == "abc" and line["level"] == "ERROR"
