"""Every URL, every parameter, bad values: never a 500.

The URLs come from Django's resolver (tests/url_walk.py), so a new URL is walked without editing
this test. Each path parameter gets each bad value in turn; the query and form parameters are the
names the view asked for when it ran (recorded from the QueryDicts), each given each bad value in
the query string and the form body. Visitor, member (the author of the content) and moderator,
GET and POST. PostgreSQL refuses NUL bytes in text and integers beyond bigint, SQLite refuses
integers beyond 64 bits: run on both.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from django.test import Client

from tests.url_walk import LEARN, ReadNames, Route, Sender, path_values, resolves_to, routes
from tests.walk_world import build_world

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Bad:
    label: str
    value: str
    raw: bool = False  # sent as it is, not percent-encoded: broken % sequences


BAD_VALUES = [
    Bad("non-ASCII digit ²", "²"),
    Bad("Arabic-Indic digit ٣", "٣"),
    Bad("fullwidth digit １", "１"),
    Bad("20 digits", "9" * 20),
    Bad("5,000 digits", "9" * 5000),
    Bad("negative", "-1"),
    Bad("zero", "0"),
    Bad("empty", ""),
    Bad("NUL", "\x00"),
    Bad("control characters", "\x01\x08\x1b\x7f"),
    Bad("unbalanced quotes", "'\"<x"),
    Bad("long text", "ü" * 5000),
    Bad("lone percent", "%", raw=True),
    Bad("broken percent sequence", "%zz%4", raw=True),
    Bad("invalid UTF-8", "%C0%AF%FF", raw=True),
]

# Values that open the branches where a view reads more parameters (derived from the views:
# the thread tools read `category` only to move, `into` only to merge; the review queue's
# decisions read the id after the kind in `items`). "{}" is where the bad value goes.
BRANCHES: dict[str, list[dict[str, str]]] = {
    "moderation_thread": [{"action": action} for action in ("lock", "move", "merge")],
    "moderation_decide": [
        {"action": "approve", "items": f"{kind}:{{}}"}
        for kind in ("held", "held-request", "solution-review", "message", "post", "thread", "solution", "profile")
    ],
    "discussion_follow": [{"kind": kind} for kind in ("thread", "category", "tag", "page")],
    "discussion_post_react": [{"kind": "helpful"}, {"kind": "helpful", "undo": "1"}],
    "request_status": [{"action": "open"}, {"action": "close"}],
    "request_offer_decide": [{"action": action} for action in ("accept", "decline", "withdraw")],
}


class Walker(Sender):
    """Collects the 5xx answers."""

    def __init__(self, client: Client):
        super().__init__(client)
        self.failures: list[str] = []

    def check(self, method: str, path: str, pairs: dict[str, str], raw: frozenset[str] = frozenset()) -> int:
        """Sends the request, notes a 5xx; returns the status."""
        response = self.send(method, path, pairs, raw)
        if response.status_code >= 500:
            shown = {k: (v[:20] + "…" if len(v) > 20 else v) for k, v in pairs.items()}
            error = repr(response.exc_info[1])[:200] if response.exc_info else ""
            self.failures.append(f"{response.status_code} {method} {path[:100]} {shown!r}: {error}")
        return response.status_code

    def check_names(self, method: str, path: str, branch: dict[str, str], names: set[str], bad: Bad) -> None:
        """Every name the view read gets the bad value at once (the branch's own values stay). On a
        5xx, each name alone finds the ones to blame; so on a GET refused whole (400, 404): a view
        that stops at the first bad parameter has not read the others."""
        base = {key: value.format("1") for key, value in branch.items()}
        every = {**base, **{name: branch.get(name, "{}").format(bad.value) for name in names}}
        raw = frozenset(names) if bad.raw else frozenset()
        status = self.send(method, path, every, raw).status_code
        if status < 500 and not (method == "GET" and status in (400, 404)):
            return
        before = len(self.failures)
        for name in sorted(names):
            self.check(method, path, {**base, name: every[name]}, raw & {name})
        if status >= 500 and len(self.failures) == before:  # only together
            self.check(method, path, every, raw)


def walk(walker: Walker, world, recorder: ReadNames, walked: list[Route]) -> None:
    unresolved: set[str] = set()
    for route in walked:
        for values in path_values(route, world):
            path = route.url(values)
            allowed = []
            for method in ("GET", "POST"):
                for branch in BRANCHES.get(route.name, [{}]) if method == "POST" else [{}]:
                    # A form made with `request.POST or None` reads its fields only when something was sent.
                    sent = {LEARN: "1", **{key: value.format("1") for key, value in branch.items()}}
                    with recorder as names:
                        answer = walker.check(method, path, sent)
                    if answer != 405:
                        allowed.append(method)
                    if names := (names - {LEARN}) | set(branch):  # a view that read nothing has nothing to walk
                        for bad in BAD_VALUES:
                            walker.check_names(method, path, branch, names, bad)
            for param in route.params:
                for bad in BAD_VALUES:
                    raw = frozenset([param]) if bad.raw else frozenset()
                    url = route.url({**values, param: bad.value}, raw)
                    if resolves_to(unquote(url), route):
                        for method in dict.fromkeys(allowed):  # a method the view refuses is refused first
                            walker.check(method, url, {})
                    elif bad.label not in unresolved:  # the same 404 wherever: once is enough
                        unresolved.add(bad.label)
                        walker.check("GET", url, {})


@pytest.fixture
def walk_settings(settings):
    """As in production, with the page cache on; but rate limits, which would answer 429 before the
    views read anything, off. Background work (matching, emails, indexing) is queued, not run: it
    reads what a request stored, not its parameters."""
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False
    settings.PAGE_CACHE_ENABLED = True
    return settings


@pytest.mark.parametrize("role", ["visitor", "member", "moderator"])
def test_no_url_answers_500_to_bad_parameters(role, make_member, make_solution, monkeypatch, walk_settings):
    world = build_world(make_member, make_solution)
    walk_settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = Client()
    if role != "visitor":
        client.force_login(getattr(world, role))
    walker = Walker(client)
    walked = list(routes())

    started = time.monotonic()
    walk(walker, world, ReadNames(monkeypatch), walked)
    print(f"{role}: {len(walked)} routes, {walker.count} requests in {time.monotonic() - started:.1f} s")

    assert walker.count > 10 * len(walked)  # the walk reached the views
    assert not walker.failures, f"{len(walker.failures)} answers 5xx:\n" + "\n".join(walker.failures)


def test_the_walk_covers_every_kind_of_route():
    """The resolver is read whole: our URLs, allauth's, Wagtail's pages and documents, our views in
    the Wagtail admin, under the language prefix; the admins' own internals are left out."""
    names = {route.name for route in routes()}

    assert {"discussion_thread", "request_offer_decide", "account_login", "wagtail_serve"} <= names
    assert {"wagtaildocs_serve", "moderation_log", "mention_suggestions", "search_api"} <= names
    assert not [route for route in routes() if route.template.startswith("django-admin/")]
    assert "wagtailadmin_home" not in names
    assert next(route for route in routes() if route.name == "discussion_thread").template.startswith("en/")
