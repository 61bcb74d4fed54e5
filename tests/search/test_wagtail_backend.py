"""With SEARCH_URL set, Wagtail's own search (the admin's) runs on the same node."""

import os
import subprocess
import sys
from pathlib import Path

from .conftest import require_node

ROOT = Path(__file__).resolve().parent.parent.parent

SCRIPT = """
from django.conf import settings
from modelsearch.backends import get_search_backend
backend = get_search_backend("default")
print(type(backend).__module__ + "." + type(backend).__name__, settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"])
from wagtail.models import Page
from solutions.models import SolutionPage
page = SolutionPage.objects.get(title="Wagtail admin finds me")
from django.core.management import call_command
call_command("update_index", backend_name="default", verbosity=0)
print("found", [p.pk for p in Page.objects.search("finds")] == [page.pk])
"""


def test_wagtail_admin_search_uses_the_node_with_an_index_prefix(tmp_path):
    url = require_node()
    prefix = f"test-wagtail-{os.getpid()}-"
    env = {
        **os.environ,
        "SEARCH_URL": url,
        "SEARCH_WAGTAIL_PREFIX": prefix,
        "SEARCH_INDEX": f"test-content-{os.getpid()}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "website.settings.dev",
        "MEDIA_ROOT": str(tmp_path),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    setup = (
        "from website.site_tree import ensure_site_tree; ensure_site_tree();"
        "from solutions.importing import import_solutions; import json;"
        "from tests.conftest import solution_record;"
        "print(import_solutions([json.dumps(solution_record(title='Wagtail admin finds me'))]).ok)"
    )
    for args in (["migrate", "-v", "0"], ["shell", "-c", setup], ["shell", "-c", SCRIPT]):
        result = subprocess.run(manage + args, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == f"search.wagtail_backends.OpenSearch3Backend {prefix}"
    assert lines[-1] == "found True"
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{url}/{prefix}*,test-content-{os.getpid()}*", method="DELETE"))  # noqa: S310
