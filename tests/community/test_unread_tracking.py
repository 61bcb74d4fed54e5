"""Each member's read position per thread: new posts marked in the discussions list, a thread
opening at the first unread post, "mark all read" per category and everywhere, the Unread filter,
and none of it leaking into the pages readers share."""

import datetime
import re

import pytest
from django.utils import timezone

from community.models import Category, ReadMark, Thread, ThreadRead
from community.posting import reply, start_thread
from community.read_state import mark_all_read


def without_tokens(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


@pytest.fixture
def old_member(make_member):
    """A member who joined before the threads below were written."""
    from django.contrib.auth import get_user_model

    user = make_member(email="reader@example.org", name="Rae Reader")
    get_user_model().objects.filter(pk=user.pk).update(date_joined=timezone.now() - datetime.timedelta(days=30))
    user.refresh_from_db()
    return user


def test_the_list_shows_new_posts_and_the_thread_opens_at_the_first_unread(client, old_member, member, other, thread):
    client.force_login(old_member)
    listing = client.get("/en/discussions/").content.decode()
    assert "1 new post<" in listing  # never opened: its one post is new
    assert client.get(thread.get_absolute_url()).status_code == 200  # no position yet: the start
    assert ThreadRead.objects.get(user=old_member, thread=thread).position == 1
    assert "new post" not in client.get("/en/discussions/").content.decode()
    second = reply(other, thread, "Chlorinate after rains.")
    reply(member, thread, "Thanks!")
    listing = client.get(f"/en/discussions/c/{thread.category.slug}/").content.decode()
    assert "2 new posts" in listing
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 302 and response["Location"].endswith(f"?page=1#post-{second.pk}")
    client.get(response["Location"])
    assert ThreadRead.objects.get(user=old_member, thread=thread).position == 3
    assert ThreadRead.objects.filter(user=old_member).count() == 1  # one row per member and thread


def test_reading_an_earlier_page_never_moves_the_position_back(client, old_member, other, thread, settings):
    from community import thread_pages

    for n in range(25):
        reply(other, thread, f"Reply {n}")
    client.force_login(old_member)
    client.get(thread.get_absolute_url() + "?page=2")
    assert ThreadRead.objects.get(user=old_member).position == 26
    client.get(thread.get_absolute_url() + "?page=1")
    assert ThreadRead.objects.get(user=old_member).position == 26
    assert thread_pages.POSTS_PER_PAGE == 20


def test_mark_all_read_in_a_category_and_everywhere_and_the_unread_filter(client, old_member, member, thread):
    elsewhere = Category.objects.create(name="Energy", slug="energy")
    other_thread = start_thread(member, title="Solar pumps", body="Costs?", category=elsewhere)
    client.force_login(old_member)
    unread = client.get("/en/discussions/?filter=unread").content.decode()
    assert thread.title in unread and other_thread.title in unread
    client.post("/en/discussions/read/", {"category": thread.category.pk})
    unread = client.get("/en/discussions/?filter=unread").content.decode()
    assert thread.title not in unread and other_thread.title in unread
    in_category = client.get(f"/en/discussions/c/{elsewhere.slug}/?filter=unread").content.decode()
    assert other_thread.title in in_category
    client.post("/en/discussions/read/")
    assert other_thread.title not in client.get("/en/discussions/?filter=unread").content.decode()
    assert ReadMark.objects.filter(user=old_member).count() == 2  # no row per thread
    reply(member, other_thread, "An update")
    unread = client.get("/en/discussions/?filter=unread").content.decode()
    assert other_thread.title in unread and "2 new posts" in unread


def test_a_forged_category_to_mark_read_is_not_found_and_visitors_cannot(client, old_member):
    client.force_login(old_member)
    assert client.post("/en/discussions/read/", {"category": "999999"}).status_code == 404
    assert client.post("/en/discussions/read/", {"category": "x"}).status_code == 404
    client.logout()
    assert client.post("/en/discussions/read/").status_code == 403


def test_threads_written_before_a_member_joined_are_not_new_to_them(client, thread, make_member):
    newcomer = make_member(email="late@example.org", name="Lee Late")
    client.force_login(newcomer)
    assert "new post" not in client.get("/en/discussions/").content.decode()
    assert thread.title not in client.get("/en/discussions/?filter=unread").content.decode()


def test_the_first_unread_post_does_not_leak_through_the_shared_page(
    client, old_member, other, member, thread, page_cache
):
    """Two members at different read positions get the same shared thread page; only the
    redirect, made before the shared page is looked up, differs."""
    client.force_login(other)
    client.get(thread.get_absolute_url())
    mark_all_read(other)
    latest = reply(member, thread, "News")
    url = thread.get_absolute_url() + "?page=1"
    first = client.get(url)
    client.force_login(old_member)
    assert client.get(thread.get_absolute_url()).status_code == 200  # no position yet: the page itself
    second = client.get(url)
    assert second["X-Shared-Page"] == "hit"
    assert without_tokens(first.content) == without_tokens(second.content)
    assert f"post-{latest.pk}".encode() in second.content
    assert Thread.objects.get(pk=thread.pk).post_count == 2


def test_a_long_thread_costs_a_reader_the_same_queries_and_one_write_per_view(client, member, other, thread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.models import Post

    Post.objects.bulk_create(
        [Post(thread=thread, position=n, author=member, body=f"R{n}", body_html=f"<p>R{n}</p>") for n in range(2, 2001)]
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=2000)
    client.force_login(other)
    client.get(thread.get_absolute_url() + "?page=1")
    counts, writes = [], []
    for page in (50, 100, 100):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{thread.get_absolute_url()}?page={page}").status_code == 200
        counts.append(len(captured))
        writes.append(sum("community_threadread" in q["sql"] and not q["sql"].startswith("SELECT") for q in captured))
    assert writes == [1, 1, 0]  # moved forward twice, then nothing to move
    assert max(counts) <= 22 and counts[0] == counts[1], counts
    assert ThreadRead.objects.get(user=other, thread=thread).position == 2000


def test_new_posts_count_only_the_posts_the_reader_is_shown(client, old_member, member, other, thread, make_member):
    """Held and hidden posts are shown on the thread page to their author and the category's
    moderators only: for anyone else they are not new, do not make the thread unread and are not
    where it opens."""
    from community.models import Post, PostStatus

    keeper = make_member(email="keeper@example.org", name="Kee Per")
    thread.category.moderators.add(keeper)
    client.force_login(old_member)
    client.get(thread.get_absolute_url())  # read up to the opening post
    held, hidden = reply(other, thread, "Held for review"), reply(member, thread, "Hidden by moderators")
    Post.objects.filter(pk=held.pk).update(status=PostStatus.HELD)
    Post.objects.filter(pk=hidden.pk).update(status=PostStatus.HIDDEN)
    for url in ("/en/discussions/", f"/en/discussions/c/{thread.category.slug}/"):
        assert "new post" not in client.get(url).content.decode()
        assert thread.title not in client.get(f"{url}?filter=unread").content.decode()
    assert client.get(thread.get_absolute_url()).status_code == 200  # nothing to send them to
    shown = reply(member, thread, "Shown to all")
    for url in ("/en/discussions/", f"/en/discussions/c/{thread.category.slug}/?filter=unread"):
        assert "1 new post<" in client.get(url).content.decode()
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{shown.pk}")

    client.force_login(other)  # never opened it: the opening post, their held one and the last
    assert "3 new posts" in client.get("/en/discussions/?filter=unread").content.decode()
    client.force_login(keeper)  # moderates the category: shown every post
    assert "4 new posts" in client.get(f"/en/discussions/c/{thread.category.slug}/").content.decode()


def test_members_share_one_list_of_threads_each_with_what_is_new_to_them(
    client, old_member, member, other, thread, page_cache, make_member
):
    """The discussions list and a category's are rendered once for every reader; each signed-in
    reader's counts of new posts are put in on the way out, and a visitor gets none."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client.get("/en/")  # the site's settings are made on the first request
    reply(other, thread, "Chlorinate after rains.")
    client.force_login(old_member)
    category_url = f"/en/discussions/c/{thread.category.slug}/"
    for url in ("/en/discussions/", category_url):
        html = client.get(url).content.decode()
        assert "2 new posts" in html and 'class="thread-row unread"' in html
    client.get(thread.get_absolute_url())  # read now
    reader = Client()
    reader.force_login(member)  # never opened the thread since: both posts are new to them
    for url in ("/en/discussions/", category_url):
        with CaptureQueriesContext(connection) as shared:
            html = reader.get(url).content.decode()
        assert "2 new posts" in html
        assert not any('"community_profile"."display_name"' in q["sql"] for q in shared.captured_queries)
        assert "new post" not in client.get(url).content.decode()
        visitor = Client().get(url).content.decode()
        assert "How to keep wells clean?" in visitor and "new post" not in visitor and "<!--new-posts" not in visitor
