"""The header and footer: rendered once for every page and kept in each process
(``{% site_fragment %}``), with each request's own path, search text, CSRF token and unread counts."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.test import Client

from community.models import Notification, NotificationKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def switcher_next(html: str) -> str:
    return re.search(r'<input name="next" type="hidden" value="([^"]*)">', html)[1]


def test_each_page_gets_its_own_path_and_search_text_escaped(client, site_tree):
    client.get("/en/")  # the site's settings are made on the first request
    for text in ('water "wells" <b>', "school meals & more"):
        html = client.get("/en/search/", {"q": text}).content.decode()
        escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
        assert f'id="header-q" type="search" name="q" placeholder="Search…" value="{escaped}"' in html
        assert "<b>" not in html.split("<main", 1)[0]
        assert switcher_next(html).startswith("/en/search/?q=")
    for path in ("/en/discussions/", "/en/members/", "/en/requests/?q=a%22b"):
        html = client.get(path).content.decode()
        assert switcher_next(html) == path.replace('"', "&quot;")
        footer = html.split('<footer class="site-footer">', 1)[1]
        assert f"?topic=issue&amp;page={quote(path.split('?')[0])}" in footer
    assert "chrome-" not in html  # no placeholder is left behind


def test_the_current_section_is_marked_on_its_own_pages_only(client, site_tree):
    client.get("/en/")
    assert 'href="/en/discussions/" aria-current="page"' in client.get("/en/discussions/").content.decode()
    assert 'aria-current="page"' not in client.get("/en/search/?q=x").content.decode().split("<main", 1)[0]


def test_a_members_header_shows_their_own_counts_at_once_and_a_working_sign_out(make_member, site_tree):
    ana, bo = make_member(), make_member(email="bo@example.org", name="Bo Banda")
    Client().get("/en/")
    readers = {}
    for member in (ana, bo):
        readers[member] = Client(enforce_csrf_checks=True)
        readers[member].force_login(member)
    Notification.objects.create(recipient=ana, kind=NotificationKind.MENTION, text="Bo mentioned you")
    assert "Notifications: 1 unread" in readers[ana].get("/en/discussions/").content.decode()
    assert "Notifications: 0 unread" in readers[bo].get("/en/discussions/").content.decode()
    Notification.objects.create(recipient=bo, kind=NotificationKind.MENTION, text="Ana mentioned you")
    assert "Notifications: 1 unread" in readers[bo].get("/en/discussions/").content.decode()
    html = readers[bo].get("/en/discussions/").content.decode()
    token = re.search(
        r'action="/en/accounts/logout/" method="post"><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    )[1]
    assert readers[bo].post("/en/accounts/logout/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert "Sign in" in readers[bo].get("/en/discussions/").content.decode().split("<main", 1)[0]


def test_the_notification_bell_is_drawn_not_an_emoji(client, make_member):
    """The bell is an SVG the page carries: an emoji needs a font with emoji, and without one it
    shows as an empty box. The link keeps its spoken name."""
    client.force_login(make_member())
    html = client.get("/en/").content.decode()
    bell = html.split('class="bell"')[1].split("</a>")[0]
    assert '<svg class="bell-icon" aria-hidden="true"' in bell and "🔔" not in html
    assert 'aria-label="Notifications: 0 unread"' in html
