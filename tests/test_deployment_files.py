"""The deployment material (docs/compose.yaml, docs/Caddyfile, Dockerfile, gunicorn.conf.py,
docs/deploy.md, docs/env.example) stays consistent with itself and with the settings.

No database and no Docker: the files are parsed and cross-checked, not run."""

from __future__ import annotations

import multiprocessing
import os
import re
import runpy
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml  # PyYAML
from django.conf import settings
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
COMPOSE = DOCS / "compose.yaml"
SETTINGS_DIR = ROOT / "website" / "settings"

EXPECTED_SERVICES = {"proxy", "app", "worker", "scheduler", "db", "search", "redis"}
NEEDS_HEALTHCHECK = {"app", "db", "search", "redis"}

# env("X"), env_bool("X"), env_list("X"), os.environ.get("X"), os.environ["X"], os.getenv("X")
ENV_READ = re.compile(
    r"""(?:\benv(?:_bool|_list|_int)?\(|\bos\.environ\.get\(|\bos\.environ\[|\bos\.getenv\()\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def settings_env_vars() -> set[str]:
    names: set[str] = set()
    for path in sorted(SETTINGS_DIR.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        names.update(ENV_READ.findall(text))
        if "dj_database_url.config(" in text:
            names.add("DATABASE_URL")  # dj-database-url reads this variable itself
    return names


def gunicorn_env_vars() -> set[str]:
    return set(ENV_READ.findall((ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")))


def mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![A-Z0-9_]){re.escape(name)}(?![A-Z0-9_])", text) is not None


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


# --- (a) docs/compose.yaml ---------------------------------------------------------------------


def test_compose_is_compose_spec_with_the_expected_services(compose, services):
    assert "version" not in compose, "the compose spec has no version: key"
    assert set(services) >= EXPECTED_SERVICES


def test_every_depends_on_target_exists(services):
    for name, service in services.items():
        targets = service.get("depends_on") or []
        for target in targets:  # a list of names or a mapping name -> {condition: …}
            assert target in services, f"{name} depends on unknown service {target}"
            assert target != name


def test_dependencies_wait_for_health(services):
    assert services["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"
    for dependency in ("db", "search", "redis"):
        assert services["app"]["depends_on"][dependency]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", sorted(NEEDS_HEALTHCHECK))
def test_healthchecks(services, name):
    healthcheck = services[name].get("healthcheck")
    assert healthcheck, f"{name} has no healthcheck"
    assert not healthcheck.get("disable", False)
    assert healthcheck.get("test")


def test_app_healthcheck_uses_the_health_endpoint(services):
    test = services["app"]["healthcheck"]["test"]
    command = test if isinstance(test, str) else " ".join(test)
    assert "/health/" in command
    # Django would redirect plain HTTP (SECURE_SSL_REDIRECT) or refuse the host without these.
    assert "X-Forwarded-Proto" in command
    assert "ALLOWED_HOSTS" in command


def _volume_sources(service: dict) -> list[str]:
    sources = []
    for entry in service.get("volumes") or []:
        if isinstance(entry, str):
            sources.append(entry.split(":", 1)[0])
        elif entry.get("type", "volume") == "volume" and entry.get("source"):
            sources.append(entry["source"])
    return sources


def test_named_volumes_are_declared(compose, services):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, service in services.items():
        for source in _volume_sources(service):
            if source.startswith((".", "/", "~")):
                continue  # a bind mount
            assert source in declared, f"{name} uses undeclared volume {source}"
            used.add(source)
    assert declared == used, f"declared but unused volumes: {declared - used}"


def test_bind_mounts_and_build_context_exist(services):
    for name, service in services.items():
        for source in _volume_sources(service):
            if source.startswith("."):
                assert (DOCS / source).exists(), f"{name} mounts missing {source}"
    build = services["app"]["build"]
    context = DOCS / build["context"]
    assert (context / build.get("dockerfile", "Dockerfile")).is_file()


def test_commands(services):
    def command(name: str) -> str:
        value = services[name]["command"]
        return value if isinstance(value, str) else " ".join(value)

    assert command("app") == "gunicorn -c gunicorn.conf.py website.wsgi"
    assert command("worker") == "python manage.py db_worker"
    scheduler = command("scheduler")
    for job in ("send_digests", "award_badges", "search_check --repair", "sleep 86400"):
        assert job in scheduler
    for name in ("app", "worker", "scheduler"):
        assert services[name]["build"] == services["app"]["build"]
        assert services[name]["image"] == services["app"]["image"]
        assert "media" in _volume_sources(services[name])
    assert services["proxy"]["image"].startswith("caddy:2")
    assert services["db"]["image"].startswith("postgres:")
    assert services["search"]["image"].startswith("opensearchproject/opensearch:")
    assert services["redis"]["image"].startswith("redis:")


def test_caddyfile_serves_media_safely():
    text = (DOCS / "Caddyfile").read_text(encoding="utf-8")
    assert "reverse_proxy app:8000" in text
    assert "X-Content-Type-Options nosniff" in text
    assert "Content-Security-Policy \"default-src 'none'; sandbox\"" in text
    assert "/media/attachments/*" in text and "/media/documents/*" in text
    assert "Content-Disposition attachment" in text


def test_dockerfile_copies_every_local_app_and_drops_root():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in text
    local = {app.split(".")[0] for app in settings.INSTALLED_APPS if (ROOT / app.split(".")[0]).is_dir()}
    for folder in sorted(local | {"templates", "static", "locale"}):
        assert re.search(rf"^COPY {folder} \./{folder}$", text, re.MULTILINE), f"Dockerfile does not copy {folder}/"
    assert "collectstatic" in text
    assert re.search(r"^USER (?!root)\w+", text, re.MULTILINE)
    assert re.search(r"^EXPOSE 8000$", text, re.MULTILINE)


def test_dockerfile_build_step_satisfies_the_production_settings(tmp_path):
    """collectstatic runs with the production settings at build time, with throwaway values: when
    those settings require a new variable, the image build must still load them."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    step = re.search(r"^RUN (.*?)python manage\.py collectstatic", text, re.MULTILINE)
    assert step, "the Dockerfile collects static files with manage.py"
    build_env = dict(re.findall(r"\b([A-Z][A-Z0-9_]*)=(\S+)", step.group(1)))
    assert build_env["DJANGO_SETTINGS_MODULE"] == "website.settings.production"
    build_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'build.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k not in settings_env_vars() and not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env={**env, **build_env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]


# --- (b) gunicorn.conf.py ----------------------------------------------------------------------


def load_gunicorn(monkeypatch, **environ) -> dict:
    for name in ("PORT", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS", "SINGLE_PROCESS_DEPLOYMENT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return {
        key: value
        for key, value in namespace.items()
        if not key.startswith("_") and key != "annotations" and not isinstance(value, types.ModuleType)
    }


def test_gunicorn_settings_are_sane(monkeypatch):
    conf = load_gunicorn(monkeypatch, PORT="9123")
    config = Config()
    for key, value in conf.items():
        assert key in config.settings, f"{key} is not a gunicorn setting"
        config.set(key, value)  # gunicorn's own validation
    assert conf["bind"] == "0.0.0.0:9123"
    assert "9123" in config.bind[0]
    assert 2 <= config.workers <= 8
    assert config.worker_class_str == "sync"
    assert config.timeout == 30
    assert config.graceful_timeout == 30
    assert (config.max_requests, config.max_requests_jitter) == (200_000, 100_000)
    assert config.accesslog == "-" and config.errorlog == "-"
    assert "%({x-request-id}i)s" in config.access_log_format
    assert config.preload_app is False
    assert conf["forwarded_allow_ips"] == "127.0.0.1"


def test_gunicorn_defaults_and_overrides(monkeypatch):
    assert load_gunicorn(monkeypatch)["bind"] == "0.0.0.0:8000"
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: 16)
    assert load_gunicorn(monkeypatch)["workers"] == 8
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: 1)
    assert load_gunicorn(monkeypatch)["workers"] == 3
    conf = load_gunicorn(monkeypatch, WEB_CONCURRENCY="5", FORWARDED_ALLOW_IPS="10.0.0.2")
    assert conf["workers"] == 5
    assert conf["forwarded_allow_ips"] == "10.0.0.2"


def test_a_single_process_deployment_runs_one_worker(monkeypatch):
    """Without Redis each worker counts rate limits apart: the production settings allow that only
    when SINGLE_PROCESS_DEPLOYMENT says so, and then gunicorn starts one worker."""
    monkeypatch.setattr(multiprocessing, "cpu_count", lambda: 4)
    assert load_gunicorn(monkeypatch, SINGLE_PROCESS_DEPLOYMENT="true")["workers"] == 1
    assert load_gunicorn(monkeypatch, SINGLE_PROCESS_DEPLOYMENT="true", WEB_CONCURRENCY="1")["workers"] == 1
    assert load_gunicorn(monkeypatch, SINGLE_PROCESS_DEPLOYMENT="false")["workers"] == 8
    with pytest.raises(RuntimeError, match="SINGLE_PROCESS_DEPLOYMENT"):
        load_gunicorn(monkeypatch, SINGLE_PROCESS_DEPLOYMENT="true", WEB_CONCURRENCY="3")


# --- (c) docs/deploy.md and (d) docs/env.example --------------------------------------------------


def test_settings_read_the_known_variables():
    found = settings_env_vars()
    # The extraction must keep working; these are read today.
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SEARCH_URL", "REDIS_URL", "EMAIL_HOST"} <= found
    assert len(found) >= 20


@pytest.mark.parametrize("name", sorted(settings_env_vars() | gunicorn_env_vars()))
def test_deploy_guide_mentions_every_variable(name):
    assert mentions((DOCS / "deploy.md").read_text(encoding="utf-8"), name), f"docs/deploy.md does not mention {name}"


def env_example_names() -> set[str]:
    text = (DOCS / "env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


@pytest.mark.parametrize("name", sorted(settings_env_vars() | gunicorn_env_vars()))
def test_env_example_lists_every_variable(name):
    assert name in env_example_names(), f"docs/env.example does not list {name}"


def test_env_example_holds_placeholders_only():
    values = dict(
        line.split("=", 1)
        for line in (DOCS / "env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    )
    for name in ("SECRET_KEY", "EMAIL_HOST_PASSWORD", "POSTGRES_PASSWORD", "AWS_SECRET_ACCESS_KEY"):
        assert "change-me" in values[name], name
    assert values["DJANGO_SETTINGS_MODULE"] == "website.settings.production"
