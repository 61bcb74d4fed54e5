"""The embedded default (SQLite, database search) keeps a smoke test of its own, whatever
database the rest of the suite runs on."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
from django.test import Client
client = Client()
for url in ["/en/", "/en/solutions/?region=002&sdg=2", "/es/solutions/", "/en/search/?q=water", "/sitemap.xml"]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
from solutions.models import SolutionPage
assert SolutionPage.objects.live().count() >= 40
print("smoke ok", SolutionPage.objects.live().search("water").count())
"""


def test_migrate_seed_and_serve_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'smoke.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DEMO_ADMIN_PASSWORD": "smoke-pass",
    }
    env.pop("SEARCH_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"], ["shell", "-c", SCRIPT]):
        result = subprocess.run(manage + command, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert result.returncode == 0, result.stderr[-3000:]
    assert "smoke ok" in result.stdout
    assert int(result.stdout.split()[-1]) > 0  # the database search backend finds demo content
