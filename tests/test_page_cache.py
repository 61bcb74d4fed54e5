"""Whole-page caching for anonymous visitors (core/page_cache.py)."""

from __future__ import annotations

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from community import decisions
from community.models import Category, Post
from community.posting import comment_on_page, edit_post, reply, start_thread
from community.targets import load
from core import page_cache
from solutions.models import PageViewCount

pytestmark = pytest.mark.usefixtures("page_cache", "site_links")


@pytest.fixture
def site_links(site_tree):
    """The footer's settings row exists, as on a live site (its first read would create it)."""
    from wagtail.models import Site

    from website.models import SiteLinks

    return SiteLinks.for_site(Site.objects.get(is_default_site=True))


def is_hit(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


@pytest.fixture
def thread(make_member):
    category = Category.objects.create(name="Water", slug="water")
    return start_thread(make_member(), title="Clean wells", body="Our wells get polluted.", category=category)


def test_an_anonymous_page_is_served_from_the_cache_without_queries(client, make_solution):
    make_solution(title="Water kiosks")
    first = client.get("/en/solutions/")
    assert not is_hit(first) and "Water kiosks" in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/en/solutions/")
    assert is_hit(second) and second.content == first.content
    assert len(queries) == 0
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options"):
        assert second[header] == first[header]  # stored with the page, as the hit skips their middleware
    assert second["X-Request-ID"] != first["X-Request-ID"]


def test_the_key_is_the_full_url_with_language_and_query(client, make_solution):
    make_solution(title="Water kiosks", sdgs=[6])
    client.get("/en/solutions/")
    assert not is_hit(client.get("/es/solutions/"))
    assert not is_hit(client.get("/en/solutions/?sdg=2"))
    assert is_hit(client.get("/en/solutions/?sdg=2"))


def test_cached_pages_carry_no_csrf_token_and_pages_with_one_are_not_cached(client, site_tree):
    client.get("/en/")
    home = client.get("/en/")
    assert is_hit(home) and "csrfmiddlewaretoken" not in home.content.decode()
    contact = client.get("/en/contact/")
    assert "csrfmiddlewaretoken" in contact.content.decode()
    assert not is_hit(client.get("/en/contact/"))


def test_a_signed_in_member_never_gets_nor_fills_the_cache(client, make_member, make_solution):
    page = make_solution(title="Water kiosks")
    member = Client()
    member.force_login(make_member())
    for _ in range(2):
        response = member.get(page.url)
        assert not is_hit(response) and "My account" in response.content.decode()
    assert not is_hit(client.get(page.url))  # the member's visits stored nothing
    assert is_hit(client.get(page.url))
    assert not is_hit(member.get(page.url))  # nor is the anonymous copy served to the member


class WSGIServer:
    """Calls the application as gunicorn would, with the page cache's WSGI layer in front of
    Django's handler, and counts the requests that reached the handler."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        self.handled = 0
        django_handler = WSGIHandler()

        def counted(environ, start_response):
            self.handled += 1
            return django_handler(environ, start_response)

        self.application = page_cache.PageCacheApplication(counted)

    def get(self, path, method="GET", **headers):
        environ = RequestFactory().generic(method, path, **headers).environ
        answer = {}

        def start_response(status, response_headers, exc_info=None):
            answer.update(status=status, headers=dict(response_headers))

        body = b"".join(self.application(environ, start_response))
        return answer["status"], answer["headers"], body


@pytest.fixture
def wsgi_server():
    """Django's handler closes the test's connection on each request; the test client keeps it
    open by unhooking that, and so does this server."""
    from django.core.signals import request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    yield WSGIServer()
    request_started.connect(close_old_connections)


def test_hits_are_answered_before_djangos_handler(wsgi_server, make_solution):
    make_solution(title="Water kiosks", sdgs=[6])
    status, headers, first = wsgi_server.get("/en/solutions/?sdg=6")
    assert status == "200 OK" and "X-Page-Cache" not in headers and b"Water kiosks" in first
    with CaptureQueriesContext(connection) as queries:
        status, headers, second = wsgi_server.get("/en/solutions/?sdg=6", HTTP_X_REQUEST_ID="proxy-7")
    assert (status, second, wsgi_server.handled, len(queries)) == ("200 OK", first, 1, 0)
    assert headers["X-Page-Cache"] == "hit" and headers["X-Request-ID"] == "proxy-7"
    assert headers["Content-Type"] == "text/html; charset=utf-8" and "Content-Security-Policy" in headers
    assert "X-Page-Cache" not in wsgi_server.get("/en/solutions/?sdg=6", method="HEAD")[1]
    assert wsgi_server.get("/en/solutions/?sdg=6", method="HEAD")[1]["X-Page-Cache"] == "hit"
    assert wsgi_server.handled == 2  # HEAD has an entry of its own


def test_the_wsgi_layer_passes_on_members_other_urls_writes_and_new_generations(wsgi_server, make_solution):
    from django.conf import settings

    make_solution(title="Water kiosks")
    wsgi_server.get("/en/solutions/")
    session = f"{settings.SESSION_COOKIE_NAME}=abc; theme=dark"
    wsgi_server.get("/en/solutions/", HTTP_COOKIE=session)  # any session: perhaps a member's
    wsgi_server.get("/en/solutions/", HTTP_COOKIE="messages=pending")
    wsgi_server.get("/en/solutions/?sdg=2")
    wsgi_server.get("/en/solutions/", HTTP_HOST="evil.example")  # another host is another key
    wsgi_server.get("/en/solutions/", HTTP_X_FORWARDED_PROTO="https")
    wsgi_server.get("/en/solutions/", method="POST")
    assert wsgi_server.handled == 7
    assert wsgi_server.get("/en/solutions/", HTTP_COOKIE="theme=dark")[1]["X-Page-Cache"] == "hit"
    page_cache.invalidate()
    assert "X-Page-Cache" not in wsgi_server.get("/en/solutions/")[1]


def test_a_disallowed_host_is_never_stored(wsgi_server, make_solution, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    make_solution(title="Water kiosks")
    for _ in range(2):
        status, headers, _body = wsgi_server.get("/en/solutions/", HTTP_HOST="evil.example")
        assert status.startswith("400") and "X-Page-Cache" not in headers


def test_hits_still_count_views(client, make_solution):
    page = make_solution()
    for _ in range(3):
        client.get(page.url)
    assert PageViewCount.objects.get(page_id=page.pk).count == 3


def test_hits_count_views_after_the_anonymous_entry_is_stored_again_from_a_shared_page(client, make_solution):
    """The anonymous entry can go (expired or evicted) while the shared page stays: the next
    visitor is answered from the shared page, and the anonymous entry stored from that answer
    must count views on its hits as the first one did."""
    from django.test import RequestFactory

    page = make_solution()
    client.get(page.url)
    key = page_cache.page_key(RequestFactory().get(page.url).META)
    page_cache.cache().delete(key)
    page_cache.keep_page(key, None)  # and this process's copy of it
    again = client.get(page.url)
    assert again.get("X-Shared-Page") == "hit" and not is_hit(again)
    for _ in range(2):
        assert is_hit(client.get(page.url))
    assert PageViewCount.objects.get(page_id=page.pk).count == 4


def test_publishing_an_edit_invalidates(client, make_solution):
    page = make_solution(title="Water kiosks")
    client.get(page.url)
    page.title = "Solar water kiosks"
    page.save_revision().publish()
    response = client.get(page.url)
    assert not is_hit(response) and "Solar water kiosks" in response.content.decode()


def test_unpublishing_invalidates_the_catalogue(client, make_solution):
    page = make_solution(title="Water kiosks")
    client.get("/en/solutions/")
    page.unpublish()
    assert "Water kiosks" not in client.get("/en/solutions/").content.decode()


def test_a_new_comment_invalidates(client, make_member, make_solution):
    page = make_solution()
    client.get(page.url)
    comment_on_page(make_member(), page, "We tried this in Recife.")
    assert "We tried this in Recife." in client.get(page.url).content.decode()


def test_new_and_edited_replies_invalidate(client, thread):
    url = thread.get_absolute_url()
    client.get(url)
    post = reply(thread.author, thread, "Boil the water first.")
    assert "Boil the water first." in client.get(url).content.decode()
    edit_post(thread.author, post, "Filter, then boil.")
    html = client.get(url).content.decode()
    assert "Filter, then boil." in html and "Boil the water first." not in html


def test_a_moderator_hiding_a_post_invalidates(client, make_member, thread):
    from django.contrib.auth.models import Group

    moderator = make_member(email="mod@example.org", name="Mo Derator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    post = reply(thread.author, thread, "Buy cheap pumps at spam.example")
    client.get(thread.get_absolute_url())
    decisions.hide(moderator, load("post", post.pk), "Advertising")
    assert Post.objects.get(pk=post.pk).status == "hidden"
    assert "spam.example" not in client.get(thread.get_absolute_url()).content.decode()


def test_a_visitor_with_a_pending_message_is_not_served_nor_cached(client, site_tree):
    storage = CookieStorage(RequestFactory().get("/"))
    response = client.get("/en/")
    storage.add(constants.INFO, "Welcome back")
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    with_message = client.get("/en/")
    assert "Welcome back" in with_message.content.decode() and not is_hit(with_message)
    del client.cookies["messages"]
    later = client.get("/en/")
    assert is_hit(later) and "Welcome back" not in later.content.decode()  # the copy from before


def test_the_search_page_is_never_cached(client, site_tree):
    client.get("/en/search/", {"q": "water"})
    assert not is_hit(client.get("/en/search/", {"q": "water"}))


def test_invalidate_and_registered_models(client, site_links):
    from website.models import SiteLinks

    client.get("/en/")
    page_cache.invalidate()
    assert not is_hit(client.get("/en/"))
    assert is_hit(client.get("/en/"))
    page_cache.register(SiteLinks)  # registering twice is harmless
    site_links.save()
    assert not is_hit(client.get("/en/"))


def test_memoized_values_are_kept_per_language_without_the_key_naming_it():
    from django.utils import translation

    for language in ("en", "es", "en"):
        with translation.override(language):
            assert page_cache.memoized("label", translation.get_language) == language


def test_switching_language_is_a_get_that_remembers_the_choice(client, make_solution):
    page = make_solution()
    response = client.get("/i18n/setlang/", {"language": "fr", "next": page.url})
    assert response.status_code == 302 and response.url == f"/fr/solutions/{page.slug}/"
    assert response.cookies["django_language"].value == "fr"
    assert "evil" not in client.get("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"}).url


def test_memoized_values_last_until_the_next_change(make_solution):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert page_cache.memoized("answer", compute) == page_cache.memoized("answer", compute) == 1
    make_solution()
    assert page_cache.memoized("answer", compute) == 2


def test_members_get_memoized_counts_but_their_own_page(client, make_member, make_solution):
    make_solution(title="Water kiosks", sdgs=[6])
    member = Client()
    member.force_login(make_member())
    member.get("/en/solutions/?sdg=6")
    with CaptureQueriesContext(connection) as warm:
        response = member.get("/en/solutions/?sdg=6")
    assert not is_hit(response) and "My account" in response.content.decode()
    make_solution(title="Solar pumps", sdgs=[6])
    with CaptureQueriesContext(connection) as fresh:
        response = member.get("/en/solutions/?sdg=6")
    assert "Solar pumps" in response.content.decode()
    assert len(fresh) > len(warm)  # the facet counts were counted again after the change


def test_views_counted_on_hits_are_written_in_one_batch(client, make_solution, settings):
    page = make_solution()
    client.get(page.url)  # rendered: counted at once
    settings.PAGE_CACHE_VIEW_FLUSH_SECONDS = 3600
    page_cache.flush_views()  # starts the interval now
    for _ in range(4):
        assert is_hit(client.get(page.url))
    assert PageViewCount.objects.get(page_id=page.pk).count == 1
    with CaptureQueriesContext(connection) as queries:
        page_cache.flush_views()
    assert PageViewCount.objects.get(page_id=page.pk).count == 5 and len(queries) == 1


def test_the_redis_cache_keeps_its_client():
    from core.redis_cache import RedisCache

    client = RedisCache("redis://127.0.0.1:6399/0", {})._cache
    assert client.get_client() is client.get_client()  # built once, without connecting


def test_members_share_the_rendered_posts_each_with_their_own_token_and_rights(make_member, thread):
    import re

    from django.contrib.auth.models import Group

    reply(thread.author, thread, "Boil the water first.")
    reader, other_reader = (
        make_member(email="bo@example.org", name="Bo"),
        make_member(email="cy@example.org", name="Cy"),
    )
    moderator = make_member(email="mod@example.org", name="Mo Derator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    url = thread.get_absolute_url()

    def visit(user, **client_options):
        client = Client(**client_options)
        client.force_login(user)
        return client, client.get(url).content.decode()

    visit(reader)  # renders the posts and stores them
    with CaptureQueriesContext(connection) as queries:
        client, html = visit(other_reader, enforce_csrf_checks=True)
    assert not any('SELECT "community_post".' in query["sql"] for query in queries)  # the posts came from the cache
    assert "Boil the water first." in html and "Edit</a>" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    post = thread.posts.get(position=2)
    assert (
        client.post(
            f"/en/discussions/p/{post.pk}/react/", {"kind": "helpful", "csrfmiddlewaretoken": token}
        ).status_code
        == 302
    )
    assert "csrf-token-of-the-visitor" not in html
    # Those who may do more than read get their own rendering: the author edits their posts, a
    # moderator every post.
    assert visit(thread.author)[1].count("Edit</a>") == 2
    assert visit(moderator)[1].count("Edit</a>") == 2
    assert "Edit</a>" not in visit(reader)[1]


def test_members_share_the_catalogue_results_and_filters_until_a_change(make_member, make_solution):
    make_solution(title="Water kiosks", sdgs=[6])
    readers = []
    for email in ("bo@example.org", "cy@example.org"):
        readers.append(Client())
        readers[-1].force_login(make_member(email=email, name=email))
    readers[0].get("/en/solutions/?sdg=6")
    with CaptureQueriesContext(connection) as queries:
        html = readers[1].get("/en/solutions/?sdg=6").content.decode()
    assert "Water kiosks" in html and "My account" in html
    assert not any("solutions_solutionpage" in query["sql"] for query in queries)
    make_solution(title="Solar pumps", sdgs=[6])
    assert "Solar pumps" in readers[1].get("/en/solutions/?sdg=6").content.decode()


def test_changing_a_many_to_many_relation_invalidates(client, thread, make_solution):
    solution = make_solution(title="Water kiosks")
    url = thread.get_absolute_url()
    assert "Water kiosks" not in client.get(url).content.decode()
    thread.solutions.add(solution)
    assert "Water kiosks" in client.get(url).content.decode()


def test_a_members_second_visit_to_a_thread_costs_five_queries(make_member, thread):
    """The session, the member with everything pages ask about them (community/auth_backends.py),
    the thread with its view count, counting this view and whether the member follows it. The
    posts, tags and linked solutions come from the shared fragments."""
    for position in range(30):
        reply(thread.author, thread, f"Reply {position}")
    member = Client()
    member.force_login(make_member(email="bo@example.org", name="Bo"))
    member.get(thread.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        html = member.get(thread.get_absolute_url()).content.decode()
    assert "Reply 18" in html and "Notifications: 0 unread" in html
    tables = ("account_emailaddress", "auth_group", "community_sanction", "community_notification", "usersession")
    separate = [sql for sql in (q["sql"] for q in queries) if "facts_unread" not in sql]
    assert not [sql for sql in separate if any(f'FROM "{table}' in sql for table in tables)]
    assert len(queries) <= 5, [query["sql"][:80] for query in queries]


def test_members_share_whole_pages_only_with_readers_shown_the_same(make_member, thread):
    from django.contrib.auth import get_user_model

    from community.follows import follow
    from community.models import FollowKind, Notification

    User = get_user_model()
    url = thread.get_absolute_url()
    readers = {}
    for name in ("bo", "cy", "di", "ed"):
        readers[name] = Client()
        readers[name].force_login(make_member(email=f"{name}@example.org", name=name.title()))

    def shared(name) -> bool:
        return readers[name].get(url).get("X-Shared-Page") == "hit"

    assert not shared("bo")
    assert shared("cy")  # rendered for Bo, the same for Cy
    follow(User.objects.get(email="di@example.org"), FollowKind.THREAD, thread.pk)
    assert not shared("di") and 'value="unfollow"' in readers["di"].get(url).content.decode()
    Notification.objects.create(recipient=User.objects.get(email="ed@example.org"), kind="reply")
    page = readers["ed"].get(url)
    assert page.get("X-Shared-Page") != "hit" and "Notifications: 1 unread" in page.content.decode()
    readers["cy"].cookies["messages"] = "pending"
    assert not shared("cy")  # a waiting message is shown on the page: never shared


def test_the_admin_user_bar_is_never_shared_with_members_who_cannot_use_the_admin(make_member, make_solution):
    from django.contrib.auth import get_user_model

    make_solution(title="Water kiosks")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    editor, member = Client(), Client()
    editor.force_login(admin)
    member.force_login(make_member(email="bo@example.org", name="Bo"))
    assert "wagtail-userbar" in editor.get("/en/solutions/").content.decode()
    page = member.get("/en/solutions/")
    assert "Water kiosks" in page.content.decode() and "wagtail-userbar" not in page.content.decode()


def test_members_share_the_home_page_news_and_the_catalogue(make_member, make_solution, site_tree):
    make_solution(title="Water kiosks")
    readers = []
    for email in ("bo@example.org", "cy@example.org"):
        readers.append(Client())
        readers[-1].force_login(make_member(email=email, name=email))
    for url in ("/en/", "/en/news/", "/en/solutions/"):
        assert readers[0].get(url).get("X-Shared-Page") != "hit"
        page = readers[1].get(url)
        assert page.get("X-Shared-Page") == "hit" and "My account" in page.content.decode(), url


def test_a_reply_form_quoting_a_held_post_is_never_shared(make_member, thread):
    writer = make_member(email="wri@example.org", name="Wri")
    held = reply(writer, thread, "Not yet approved words")
    Post.objects.filter(pk=held.pk).update(status="held")
    for position in range(25):
        reply(thread.author, thread, f"Reply {position}")
    url = f"{thread.get_absolute_url()}?page=2&quote={held.pk}"
    author, reader = Client(), Client()
    author.force_login(writer)  # wrote nothing on page 2
    reader.force_login(make_member(email="bo@example.org", name="Bo"))
    assert "Not yet approved words" in author.get(url).content.decode()
    assert "Not yet approved words" not in reader.get(url).content.decode()


def test_public_pages_are_shared_before_routing_and_restricted_ones_never(make_member, site_tree):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from solutions.models import NewsIndexPage
    from solutions.news_actions import publish_news_post

    post = publish_news_post(
        NewsIndexPage.objects.get(), slug="wells", title="New wells", date="2026-11-01", authors="", intro="", body="B"
    )
    insiders = Group.objects.create(name="Insiders")
    readers = {}
    for name in ("bo", "cy", "di"):
        readers[name] = Client()
        user = make_member(email=f"{name}@example.org", name=name.title())
        readers[name].force_login(user)
        if name != "di":
            user.groups.add(insiders)
    readers["bo"].get(post.url)
    with CaptureQueriesContext(connection) as queries:
        page = readers["cy"].get(post.url)
    assert page.get("X-Shared-Page") == "hit" and "New wells" in page.content.decode()
    assert not any("wagtailcore_page" in query["sql"] for query in queries)  # not even routed

    restriction = PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(insiders)
    for name in ("bo", "cy"):
        assert "New wells" in readers[name].get(post.url).content.decode()
    refused = readers["di"].get(post.url)  # the same header as Bo and Cy, not in the group
    assert refused.get("X-Shared-Page") != "hit" and "New wells" not in refused.content.decode()


@pytest.mark.parametrize("kind", ["solution", "news post"])
def test_a_page_with_comments_is_shared_only_with_readers_who_see_the_comments_alike(kind, make_member, make_solution):
    from django.contrib.auth.models import Group

    from solutions.models import NewsIndexPage
    from solutions.news_actions import publish_news_post

    if kind == "solution":
        page = make_solution(title="Water kiosks")
    else:
        page = publish_news_post(
            NewsIndexPage.objects.get(),
            slug="wells",
            title="New wells",
            date="2026-11-01",
            authors="",
            intro="",
            body="B",
        )
    writer = make_member(email="wri@example.org", name="Wri")
    held = comment_on_page(writer, page, "Words still held for review")
    Post.objects.filter(pk=held.pk).update(status="held")
    comment_on_page(make_member(email="ann@example.org", name="Ann"), page, "A plain comment")
    moderator = make_member(email="mod@example.org", name="Mo")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    readers = {}
    others = [make_member(email=f"{name}@example.org", name=name.title()) for name in ("bo", "cy")]
    for name, user in (("mod", moderator), ("wri", writer), ("bo", others[0]), ("cy", others[1])):
        readers[name] = Client()
        readers[name].force_login(user)

    assert "Words still held for review" in readers["mod"].get(page.url).content.decode()
    assert "Words still held for review" in readers["wri"].get(page.url).content.decode()
    for _visit in range(2):  # rendered for Bo, then shared with Bo: never the moderator's or the writer's
        html = readers["bo"].get(page.url).content.decode()
        assert "A plain comment" in html and "Words still held for review" not in html
    assert readers["bo"].get(page.url).get("X-Shared-Page") == "hit"
    shared = readers["cy"].get(page.url)
    assert shared.get("X-Shared-Page") == "hit" and "Words still held for review" not in shared.content.decode()


def test_members_pre_routed_on_a_solution_still_count_their_views(make_member, make_solution, settings):
    settings.PAGE_CACHE_VIEW_FLUSH_SECONDS = 0
    page = make_solution(title="Water kiosks")
    readers = []
    for name in ("bo", "cy"):
        readers.append(Client())
        readers[-1].force_login(make_member(email=f"{name}@example.org", name=name.title()))
    readers[0].get(page.url)
    with CaptureQueriesContext(connection) as queries:
        shared = readers[1].get(page.url)
    assert shared.get("X-Shared-Page") == "hit"
    assert not any("wagtailcore_page" in query["sql"] for query in queries)  # answered before routing
    assert PageViewCount.objects.get(page_id=page.pk).count == 2


def test_editors_never_share_pages_their_user_bar_is_their_own(make_solution):
    from django.contrib.auth import get_user_model

    make_solution(title="Water kiosks")
    editors = []
    for name in ("root", "boss"):
        editors.append(Client())
        editors[-1].force_login(get_user_model().objects.create_superuser(name, f"{name}@example.org", "x"))
    for editor in editors:
        page = editor.get("/en/solutions/")
        assert page.get("X-Shared-Page") != "hit" and "wagtail-userbar" in page.content.decode()
    assert editors[0].get("/en/solutions/").get("X-Shared-Page") == "hit"  # an editor's own copy


def test_members_share_the_directory_cards_but_their_own_hidden_fields(make_member):
    from community.models import Visibility

    make_member(
        email="amara@example.org",
        name="Amara",
        organisation="Secret Agency",
        organisation_visibility=Visibility.PRIVATE,
    )
    for number in range(30):  # the readers, last by name, are not on the first page
        make_member(email=f"m{number}@example.org", name=f"Member {number:02d}")
    readers = {}
    for name in ("bo", "cy"):
        readers[name] = Client()
        readers[name].force_login(make_member(email=f"{name}@example.org", name=f"Zz {name}"))
    owner = Client()
    from django.contrib.auth import get_user_model

    owner.force_login(get_user_model().objects.get(email="amara@example.org"))
    assert "Secret Agency" not in readers["bo"].get("/en/members/").content.decode()
    assert "Secret Agency" in owner.get("/en/members/").content.decode()  # never the copy Bo got
    with CaptureQueriesContext(connection) as queries:
        html = readers["cy"].get("/en/members/").content.decode()
    assert "Amara" in html and "Secret Agency" not in html
    assert not any('"community_profile"."id" IN' in query["sql"] for query in queries)  # the cards came from the cache
    assert "Secret Agency" in owner.get("/en/members/").content.decode()


def test_values_kept_in_process_follow_the_shared_generation(make_solution):
    """A value kept in the process is checked against the generation every process shares, so a
    change made elsewhere (here: another process's bump) is seen on the next read."""
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert page_cache.memoized("chrome", compute, in_process=True) == 1
    assert page_cache.memoized("chrome", compute, in_process=True) == 1
    page_cache.cache().incr(page_cache.GENERATION_KEY)  # as another process's change would
    assert page_cache.memoized("chrome", compute, in_process=True) == 2
    make_solution()
    assert page_cache.memoized("chrome", compute, in_process=True) == 3


def test_a_request_reads_the_generation_once_for_its_values_kept_in_process(client, site_tree, monkeypatch):
    client.get("/en/search/", {"q": "water"})  # fills the chrome and the labels
    store, round_trips = page_cache.cache(), []
    get, get_many = store.get, store.get_many

    def one_read(key, *args, **kwargs):
        round_trips.append([key])
        return get(key, *args, **kwargs)

    def many_reads(keys, *args, **kwargs):
        round_trips.append(list(keys))
        monkeypatch.setattr(store, "get", get)  # the local cache reads them one by one
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            monkeypatch.setattr(store, "get", one_read)

    monkeypatch.setattr(store, "get", one_read)
    monkeypatch.setattr(store, "get_many", many_reads)
    client.get("/en/search/", {"q": "wells"})
    page_keys = [keys for keys in round_trips if any(key.startswith("page-cache") for key in keys)]
    assert page_keys == [[page_cache.GENERATION_KEY]]


def test_a_path_an_uncached_view_answered_is_not_looked_up_among_cached_pages(client, make_solution, monkeypatch):
    page = make_solution()
    client.get("/en/search/", {"q": "water"})
    store, looked_up = page_cache.cache(), []
    get_many = store.get_many
    monkeypatch.setattr(store, "get_many", lambda keys, *a, **kw: looked_up.extend(keys) or get_many(keys, *a, **kw))
    client.get("/en/search/", {"q": "a search never made before"})
    assert not [key for key in looked_up if "page-cache:page" in key or "shared-page" in key]
    client.get(page.url)
    assert [key for key in looked_up if "page-cache:page" in key]  # other pages still are


def reads_of(store, monkeypatch) -> list[list[str]]:
    """The keys of every ``get_many`` on ``store`` from now on."""
    reads, get_many = [], store.get_many
    monkeypatch.setattr(store, "get_many", lambda keys, *a, **kw: reads.append(list(keys)) or get_many(keys, *a, **kw))
    return reads


def test_a_hit_on_a_page_this_process_holds_reads_only_the_generation(client, make_solution, monkeypatch):
    make_solution(title="Water kiosks")
    first = client.get("/en/solutions/")
    reads = reads_of(page_cache.cache(), monkeypatch)
    second = client.get("/en/solutions/")
    assert is_hit(second) and second.content == first.content
    assert reads == [[page_cache.GENERATION_KEY]]  # not the page's 40 kB again


def test_a_page_held_in_process_follows_the_shared_generation(client, make_solution):
    """A change made by another process (here: an update that sends no signal, and that process's
    bump of the generation) is seen on the next request, the process's own copy notwithstanding."""
    from solutions.models import SolutionPage

    page = make_solution(title="Water kiosks")
    client.get("/en/solutions/")
    assert is_hit(client.get("/en/solutions/"))
    SolutionPage.objects.filter(pk=page.pk).update(title="Solar pumps")
    page_cache.cache().incr(page_cache.GENERATION_KEY)
    after = client.get("/en/solutions/")
    assert not is_hit(after) and "Solar pumps" in after.content.decode()
    assert is_hit(client.get("/en/solutions/"))


def test_pages_held_in_process_are_bounded_in_bytes_and_time(client, make_solution, settings, monkeypatch):
    make_solution(title="Water kiosks", sdgs=[6])
    client.get("/en/solutions/")
    one_page = len(next(iter(page_cache._local_pages.values()))[1][3])
    settings.PAGE_CACHE_LOCAL_BYTES = one_page + one_page // 2
    client.get("/en/solutions/?sdg=6")
    assert len(page_cache._local_pages) == 1  # the older page made room
    assert sum(len(entry[3]) for _at, entry in page_cache._local_pages.values()) <= settings.PAGE_CACHE_LOCAL_BYTES
    monkeypatch.setattr(page_cache, "LOCAL_PAGE_SECONDS", 0)
    reads = reads_of(page_cache.cache(), monkeypatch)
    assert is_hit(client.get("/en/solutions/?sdg=6"))
    assert len(reads) == 1 and len(reads[0]) == 2  # past its time, the page is read with the generation again


def test_a_value_read_with_the_generation_outside_a_request_is_a_plain_read(monkeypatch):
    """A command or a task has no request to keep a generation for: it reads the key alone, and
    leaves no generation behind for a later request to take as its own."""
    store = page_cache.cache()
    store.set("some-state", 7)
    reads = reads_of(store, monkeypatch)
    assert page_cache.read_with_generation("some-state") == 7
    assert reads == []  # a get, not a get_many with the generation
    assert getattr(page_cache._request, "generation", None) is None
