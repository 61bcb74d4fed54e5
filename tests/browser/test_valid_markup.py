"""Every kind of page, signed out, signed in and as a moderator, in all four languages, checked by
the Nu Html Checker: invalid markup is what makes screen readers, search engines and link
previews read a page differently from a browser.

vnu.jar comes from the npm registry through scripts/vnu.sh (into .cache/vnu/); VNU_PATH points the
test at another copy. All pages go to one Java process (its start-up costs seconds).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.site_content import in_language

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU_PATH = Path(
    os.environ.get("VNU_PATH") or ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
OTHER_LANGUAGES = ["es", "fr", "pt"]


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found: the Nu Html Checker needs Java 11 or later")
    if not VNU_PATH.is_file():
        pytest.fail(f"vnu.jar not found at {VNU_PATH}: run scripts/vnu.sh or set VNU_PATH to a vnu.jar")
    return [java, "-Xss4m", "-jar", str(VNU_PATH)]


def check(vnu: list[str], pages: dict[str, bytes], folder: Path) -> dict[str, list[str]]:
    """Runs the checker once over all pages; returns each page's errors as "line:column: message"."""
    files = {}
    for number, (url, body) in enumerate(pages.items()):
        (folder / f"{number:03d}.html").write_bytes(body)
        files[f"{number:03d}.html"] = url
    result = subprocess.run(
        [*vnu, "--format", "json", "--stdout", *(str(folder / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        if message["type"] in ("error", "non-document-error"):
            url = files.get(message.get("url", "?").rsplit("/", 1)[-1], message.get("url", "?"))
            errors.setdefault(url, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    return errors


def fetch(client, paths: list[str], pages: dict[str, bytes]) -> None:
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, f"{path} answered {response.status_code}"
        pages[path] = response.content


def rotate(paths: dict[str, str]) -> list[str]:
    """Each page in English and in one of the other languages, in turn."""
    return [in_language(path, OTHER_LANGUAGES[n % 3]) for n, path in enumerate(paths.values())]


def test_every_kind_of_page_is_valid_html_in_every_language(client, every_page, vnu, tmp_path):
    pages: dict[str, bytes] = {}
    fetch(client, [*every_page.public.values(), *rotate(every_page.public)], pages)
    client.force_login(every_page.member)
    fetch(client, [*every_page.signed_in.values(), *rotate(every_page.signed_in)], pages)
    client.force_login(every_page.moderator)
    fetch(client, list(every_page.moderating.values()), pages)
    assert len(pages) >= 60
    assert {re.match(r"/(\w\w)/", path).group(1) for path in pages} == {"en", "es", "fr", "pt"}

    errors = check(vnu, pages, tmp_path)

    report = "\n".join(f"{url}\n    " + "\n    ".join(found) for url, found in errors.items())
    assert not errors, f"the Nu Html Checker found errors on {len(errors)} of {len(pages)} pages:\n{report}"


def test_the_checker_reports_an_invalid_page(vnu, tmp_path):
    """The check above can fail: a duplicate id and a <ul> inside a <p> are reported."""
    page = b'<!DOCTYPE html><html lang="en"><title>x</title><p id="a">1</p><p id="a">2<ul><li>3</ul></p></html>'
    errors = check(vnu, {"/broken/": page}, tmp_path)
    assert len(errors["/broken/"]) >= 2, errors
