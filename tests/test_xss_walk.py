"""Script in member text never comes out as live markup.

Every text field members, moderators and visitors fill (tests/walk_world.py: profile fields,
threads, posts, comments, edits, tags, knowledge requests, offers, consolidated replies, closing
notes, solution submissions and review comments, flags, sanctions, contact messages) holds a
payload with script elements, event handlers, a javascript: link in Markdown, an SVG handler,
attribute breakers and Django template syntax. Every URL from the resolver is then read as a
visitor, the author, another member and a moderator, with the payload also in every query and
form parameter the view reads (echoed search queries, filters, previews). The HTML is parsed for
script elements, on* attributes, javascript: URLs and frames; feeds are parsed as XML and their
HTML parts as HTML; JSON answers must be JSON; emails are checked as sent. The same walk over the
same site with plain words must find nothing, so what the payload run finds is the payload's.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client

from community.models import Notification
from community.notifications import send_digests, send_notification_email
from tests.url_walk import LEARN, ReadNames, Sender, path_values, routes
from tests.walk_world import build_world, plain

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")]

FRAMES = {"iframe", "frame", "object", "embed", "base"}
SCRIPT_DATA = {"application/ld+json", "application/json"}
RUNNABLE_URL = re.compile(r"^(javascript|vbscript|data:text/html)", re.I)
SAME_ORIGIN = re.compile(r"^(/(?!/)|//testserver/)")
EVALUATED = ("MINGATPL", "MINGATAG")  # what the template syntax in the payload renders to


class Payloads:
    """``text(label)``: a payload carrying an id of its own, so the walk can tell that each field
    was shown somewhere."""

    def __init__(self):
        self.ids: dict[str, str] = {}

    def __call__(self, label: str) -> str:
        mark = self.ids.setdefault(label, f"zq{len(self.ids):02d}")
        return (
            f"'\"><script>alert('{mark}')</script><img src=x onerror=alert('{mark}')>"
            f"[{mark}](javascript:alert('{mark}'))<svg onload=alert('{mark}')>"
            '{{"mingatpl"|upper}}{%filter upper%}mingatag{%endfilter%}'
            f' <a href="javascript:alert(1)" onclick="alert(1)">{mark}</a> {mark}'
        )


ECHOED = Payloads()("echo")  # put in every parameter a view reads


def live_markup(html: str) -> list[str]:
    """Script that would run: script elements (other than our own files and JSON data),
    event handler attributes, javascript: URLs, frames, and template syntax that was evaluated."""
    found = [f"evaluated template syntax: {marker}" for marker in EVALUATED if marker in html]
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in FRAMES:
            found.append(f"<{tag.name}>")
        if tag.name == "script":
            if (tag.get("type") or "").lower() in SCRIPT_DATA:
                try:
                    json.loads(tag.string or "")
                except ValueError:
                    found.append(f"broken JSON script: {str(tag)[:80]}")
            elif not SAME_ORIGIN.match(str(tag.get("src", ""))):  # ours, or Wagtail's user bar for editors
                found.append(f"script: {str(tag)[:80]}")
        for name, value in tag.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}=…>")
            for single in value if isinstance(value, list) else [value]:
                if RUNNABLE_URL.match(re.sub(r"[\s\x00-\x1f]", "", single)):
                    found.append(f"<{tag.name} {name}={single[:40]!r}>")
    return found


HTML_IN_FEEDS = ("description", "summary", "content", "content:encoded")  # titles are text


def feed_markup(xml: str) -> list[str]:
    """A feed's own elements, and the HTML its descriptions and contents carry as escaped text,
    which feed readers show as HTML."""
    found = live_markup(xml)
    for element in BeautifulSoup(xml, "html.parser").find_all(HTML_IN_FEEDS):
        found += live_markup(element.get_text())
    return found


def findings(response) -> list[str]:
    kind = response.get("Content-Type", "")
    body = response.content.decode(errors="replace") if not response.streaming else ""
    if "html" in kind:
        return live_markup(body)
    if "xml" in kind:
        return feed_markup(body)
    if "json" in kind:
        try:
            json.loads(body)
        except ValueError:
            return ["an answer said to be JSON is not"]
    return []


class Reader(Sender):
    def __init__(self, client: Client, role: str):
        super().__init__(client)
        self.role = role
        self.found: list[str] = []
        self.seen = ""

    def read(self, method: str, path: str, pairs: dict[str, str]) -> None:
        response = self.send(method, path, pairs)
        if not response.streaming:
            self.seen += response.content.decode(errors="replace")
        for finding in findings(response):
            sent = " (payload in the parameters)" if ECHOED in pairs.values() else ""
            self.found.append(f"{self.role} {method} {path[:90]}{sent}: {finding}")


def walk(reader: Reader, world, recorder: ReadNames) -> None:
    for route in routes():
        for values in path_values(route, world):
            path = route.url(values)
            for method in ("GET", "POST"):
                with recorder as names:
                    reader.read(method, path, {LEARN: "1"} if method == "POST" else {})
                if names := names - {LEARN}:
                    reader.read(method, path, dict.fromkeys(names, ECHOED))


def emails_sent() -> tuple[list[str], str]:
    """Every notification by email, and the daily digest; emails go out as plain text, and any
    HTML part they ever get is checked."""
    for notification in Notification.objects.all():
        send_notification_email.call(notification.pk)
    send_digests()
    found, text = [], ""
    for message in mail.outbox:
        text += message.subject + message.body
        for content, kind in getattr(message, "alternatives", []):
            found += [f"email “{message.subject[:40]}”: {f}" for f in live_markup(content)] if "html" in kind else []
    return found, text


@pytest.fixture
def walk_settings(settings):
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    return settings


@pytest.mark.parametrize("words", ["plain", "payloads"])
def test_no_member_text_comes_out_as_live_markup(words, make_member, make_solution, monkeypatch, walk_settings):
    text = Payloads() if words == "payloads" else plain
    world = build_world(make_member, make_solution, text=text)
    email_findings, email_text = emails_sent()
    recorder = ReadNames(monkeypatch)
    readers = {"visitor": Client(), "author": world.member, "member": world.other, "moderator": world.moderator}
    found, seen = list(email_findings), email_text
    for role, user in readers.items():
        client = user if isinstance(user, Client) else Client()
        if not isinstance(user, Client):
            client.force_login(user)
        reader = Reader(client, role)
        walk(reader, world, recorder)
        found += reader.found
        seen += reader.seen

    assert not found, f"{len(found)} pieces of live markup:\n" + "\n".join(dict.fromkeys(found))
    if words == "payloads":  # every field was shown somewhere, so the walk read what it filled
        unseen = [label for label, mark in text.ids.items() if mark not in seen]
        assert not unseen, f"fields shown on no page: {unseen}"


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", []),
        ("<p><script>alert(1)</script></p>", ["script"]),
        ('<script src="/static/js/mentions.js"></script>', []),
        ('<script src="//evil.example/x.js"></script>', ["script"]),
        ('<script type="application/ld+json">{"name": "\\u003Cscript\\u003E"}</script>', []),
        ('<script type="application/ld+json">{"name": "</script><script>alert(1)</script>', ["broken JSON", "script"]),
        ("<img src=x onerror=alert(1)>", ["onerror"]),
        ("<svg onload=alert(1)></svg>", ["onload"]),
        ('<a href=" java\tscript:alert(1)">x</a>', ["href"]),
        ('<a href="https://example.org/?javascript:1">x</a>', []),
        ("<iframe src=x></iframe>", ["iframe"]),
        ("<p>MINGATPL</p>", ["evaluated"]),
    ],
)
def test_the_detector_tells_live_markup_from_escaped_text(html, expected):
    found = " ".join(live_markup(html))

    assert all(word in found for word in expected) and bool(found) == bool(expected), found
