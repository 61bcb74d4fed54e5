"""Every URL the site answers, read from Django's resolver, for the tests that walk them all
(bad parameters, XSS payloads): a new URL is walked without editing those tests.

Skipped: the internals of Wagtail's admin (/admin/) and Django's admin (/django-admin/), which
are Wagtail's and Django's to test. Our own views registered in the Wagtail admin are walked, as
is every other route, ours and the libraries' we serve (allauth, Wagtail's page serving and
documents).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.http.request import MultiValueDict
from django.test import Client
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils.regex_helper import normalize

SKIPPED_PREFIXES = ("admin/", "django-admin/")
OUR_APPS = ("community", "exchange", "search", "solutions", "website")


@dataclass(frozen=True)
class Route:
    """One URL pattern as a format string (``en/discussions/t/%(pk)s/``) and its parameters."""

    name: str
    template: str
    params: tuple[str, ...]
    callback: object

    def url(self, values: dict[str, str], raw: frozenset[str] = frozenset()) -> str:
        """The path with each parameter in; values are percent-encoded unless named in ``raw``."""
        return "/" + self.template % {
            name: value if name in raw else quote(value, safe="/") for name, value in values.items()
        }


def _regex(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return re.escape(pattern.language_prefix)
    regex = pattern.regex.pattern.removeprefix("^")
    for end in ("\\Z", "$"):
        regex = regex.removesuffix(end)
    return regex


def _leaves(patterns, prefix: str = "") -> Iterator[tuple[str, object]]:
    for entry in patterns:
        regex = prefix + _regex(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _leaves(entry.url_patterns, regex)
        else:
            yield regex, entry


def routes() -> list[Route]:
    """Every leaf pattern outside the admins, in the resolver's order; the i18n patterns under the
    active language's prefix."""
    found = []
    for regex, entry in _leaves(get_resolver().url_patterns):
        ours = entry.callback.__module__.startswith(OUR_APPS)
        if regex.replace("\\", "").startswith(SKIPPED_PREFIXES) and not ours:
            continue
        template, params = normalize(regex)[0]
        name = entry.name or f"{entry.callback.__module__}.{getattr(entry.callback, '__name__', '')}"
        found.append(Route(name=name, template=template, params=tuple(params), callback=entry.callback))
    return found


GENERIC_VALUES = ("1", "x", "x-1", "x/", "")
LEARN = "walk"  # sent when learning what a view reads


def encode(pairs: dict[str, str], raw: frozenset[str] = frozenset()) -> str:
    return "&".join(f"{quote(k)}={v if k in raw else quote(v, safe='')}" for k, v in pairs.items())


def resolves_to(path: str, route: Route) -> bool:
    try:
        return resolve(path).func == route.callback
    except Resolver404:
        return False


def path_values(route: Route, world) -> list[dict[str, str]]:
    """Values that find something where the world has them; otherwise the first generic value
    that the route's own pattern accepts."""
    if route.name in world.values:
        return world.values[route.name]
    for value in GENERIC_VALUES:
        values = dict.fromkeys(route.params, value)
        if resolves_to(route.url(values), route):
            return [values]
    return [dict.fromkeys(route.params, "1")]


class Sender:
    """Sends requests with a client, each in a savepoint rolled back afterwards (so one request's
    changes or database error do not change what the next one sees), and keeps the client signed in."""

    def __init__(self, client: Client):
        self.client = client
        self.client.raise_request_exception = False
        self.session = client.cookies.get(settings.SESSION_COOKIE_NAME)
        self.count = 0

    def send(self, method: str, path: str, pairs: dict[str, str], raw: frozenset[str] = frozenset()):
        query = encode(pairs, raw)
        url = f"{path}?{query}" if query else path
        with transaction.atomic():
            if method == "GET":
                response = self.client.get(url)
            else:
                response = self.client.post(url, data=query, content_type="application/x-www-form-urlencoded")
            transaction.set_rollback(True)
        self.count += 1
        if self.session is not None:  # a sign-out or a new session does not end the walk
            self.client.cookies[settings.SESSION_COOKIE_NAME] = self.session.value
        return response


class ReadNames:
    """Records the names a request's query string and form data are asked for (``get``,
    ``getlist``, ``[...]``, ``in``), so the walk learns what each view reads by running it."""

    def __init__(self, monkeypatch):
        self.names: set[str] = set()
        self.active = False
        for method in ("get", "getlist", "__getitem__", "__contains__"):
            monkeypatch.setattr(QueryDict, method, self._recording(getattr(MultiValueDict, method)))

    def _recording(self, original):
        recorder = self

        def read(self, key, *args, **kwargs):
            if recorder.active and isinstance(key, str):
                recorder.names.add(key)
            return original(self, key, *args, **kwargs)

        return read

    def __enter__(self) -> set[str]:
        self.names = set()
        self.active = True
        return self.names

    def __exit__(self, *exc) -> None:
        self.active = False
