import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(env_overrides: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    env.update({"DJANGO_SETTINGS_MODULE": "website.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_production_refuses_to_start_without_its_secrets():
    result = run_check({})
    assert result.returncode != 0
    assert "Production settings need the SECRET_KEY environment variable." in result.stderr


def test_production_starts_with_its_secrets(tmp_path):
    result = run_check(
        {"SECRET_KEY": "x" * 60, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}", "ALLOWED_HOSTS": "minga.example.org"}
    )
    assert result.returncode == 0, result.stderr
