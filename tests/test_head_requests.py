"""HEAD answers wherever GET does (RFC 9110: a server that answers GET answers HEAD alike): link
checkers, feed readers and uptime monitors ask with HEAD, and a 405 reads to them as a dead link."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import get_converters

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("community", "exchange", "search", "solutions", "website")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def project_routes(patterns=None, prefix: str = ""):
    """(route, url name) of every URL the project's own apps serve, outside the admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from project_routes(pattern.url_patterns, route)
        elif (
            isinstance(pattern, URLPattern)
            and pattern.callback.__module__.split(".")[0] in PROJECT_APPS
            and not route.startswith("admin/")
        ):
            yield route, pattern.name


def fill(route: str, known: dict) -> str:
    """The route with its parameters set to a real object's where one is known, else to one
    that does not exist: a method check runs before the object is looked up."""

    def value(match):
        kind, name = match.groups()
        if name in known:
            return str(known[name])
        takes_numbers = re.fullmatch(get_converters()[kind or "str"].regex, "999999")
        return "999999" if takes_numbers else "none"

    return "/" + CONVERTER.sub(value, route)


@pytest.fixture
def walked_urls(every_page) -> list[str]:
    from community.notifications import unsubscribe_token

    paths = [*every_page.public.values(), *every_page.signed_in.values(), *every_page.moderating.values()]
    known_by_name: dict[str, dict] = {}
    for path in paths:
        match = resolve(path.split("?")[0])
        known_by_name.setdefault(match.url_name, match.kwargs)
    known_by_name["notifications_unsubscribe"] = {"token": unsubscribe_token(every_page.member.pk, "reply")}
    known_by_name["moderation_member"] = {"slug": every_page.member.profile.slug}
    known_by_name["discussion_category_feed"] = known_by_name["discussion_category"]
    urls = [
        fill(route, known_by_name.get(name, {}))
        for route, name in project_routes()
        if not route.startswith("en/^")  # Wagtail's pages: the paths below
    ]
    queries = {"/api/v1/search/": "?q=water", "/api/v1/search/suggest/": "?q=wat", "/api/v1/members/suggest/": "?q=aw"}
    urls = [url + queries.get(url, "") for url in urls]
    return urls + paths + ["/i18n/setlang/?language=es&next=/en/"]


def test_head_answers_wherever_get_does(walked_urls, every_page):
    clients = {"visitor": Client(), "member": Client(), "moderator": Client()}
    clients["member"].force_login(every_page.member)
    clients["moderator"].force_login(every_page.moderator)
    differ = []
    for who, client in clients.items():
        for url in walked_urls:
            get, head = client.get(url), client.head(url)
            if head.status_code != get.status_code:
                differ.append(f"{who} {url}: GET {get.status_code}, HEAD {head.status_code}")
    assert not differ, "HEAD differs from GET:\n" + "\n".join(differ)


def test_the_walk_covers_every_route_of_the_project(walked_urls):
    """Guards the test above: a new route is walked without anyone listing it."""
    walked = {resolve(url.split("?")[0]).url_name for url in walked_urls}
    routes = {name for _route, name in project_routes()}
    assert routes - walked == set()
    assert {"member_directory", "requests", "search", "search_api", "sitemap", "wagtail_serve"} <= walked


def test_a_head_on_an_unsubscribe_link_unsubscribes_nobody(client, make_member):
    """Mail scanners send HEAD as readily as GET; only the confirming POST unsubscribes."""
    from community.models import Channel
    from community.notifications import preferences, unsubscribe_token

    member = make_member()
    before = preferences(member)["reply"]
    assert before != Channel.NONE
    url = f"/en/notifications/unsubscribe/{unsubscribe_token(member.pk, 'reply')}/"
    assert client.head(url).status_code == 200
    assert preferences(member)["reply"] == before
    client.post(url)
    assert preferences(member)["reply"] == Channel.NONE
