"""Bookmarks on solutions, threads and posts, with a note (knowledge requests: tests/exchange)."""

import pytest
from django.core.cache import cache

from community.models import Bookmark
from community.posting import reply


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def test_bookmarks_of_every_kind_with_a_note(client, member, other, thread, make_solution):
    solution = make_solution(title="School meals")
    post = reply(other, thread, "Boil the water.")
    client.force_login(member)
    for kind, target in (("solution", solution.pk), ("thread", thread.pk), ("post", post.pk)):
        assert client.post("/en/account/bookmarks/add/", {"kind": kind, "target": target}).status_code == 302
    client.post("/en/account/bookmarks/add/", {"kind": "thread", "target": thread.pk})  # once only
    assert Bookmark.objects.filter(user=member).count() == 3
    bookmark = Bookmark.objects.get(user=member, kind="thread")
    client.post(f"/en/account/bookmarks/{bookmark.pk}/", {"note": "  read   before Monday "})
    page = client.get("/en/account/bookmarks/").content.decode()
    assert "School meals" in page and thread.title in page and 'value="read before Monday"' in page


def test_bookmarks_refuse_what_the_member_may_not_see_and_others_bookmarks(client, member, other, thread):
    from community.models import Thread

    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    client.force_login(other)
    assert client.post("/en/account/bookmarks/add/", {"kind": "thread", "target": thread.pk}).status_code == 404
    assert client.post("/en/account/bookmarks/add/", {"kind": "nonsense", "target": 1}).status_code == 404
    assert client.post("/en/account/bookmarks/add/", {"kind": "thread", "target": "x"}).status_code == 404
    theirs = Bookmark.objects.create(user=member, kind="thread", target_id=thread.pk, note="mine")
    assert client.post(f"/en/account/bookmarks/{theirs.pk}/", {"action": "delete"}).status_code == 404
    assert client.post(f"/en/account/bookmarks/{theirs.pk}/", {"note": "hijack"}).status_code == 404
    assert "mine" not in client.get("/en/account/bookmarks/").content.decode()
    theirs.refresh_from_db()
    assert theirs.note == "mine"


def test_a_note_too_long_is_refused_with_a_message(client, member, thread):
    client.force_login(member)
    client.post("/en/account/bookmarks/add/", {"kind": "thread", "target": thread.pk})
    bookmark = Bookmark.objects.get(user=member)
    response = client.post(f"/en/account/bookmarks/{bookmark.pk}/", {"note": "x" * 301}, follow=True)
    assert response.status_code == 200 and "at most 300 characters" in response.content.decode()
    bookmark.refresh_from_db()
    assert bookmark.note == ""


def test_the_list_checks_every_item_by_its_own_rule_for_the_member_reading_it(
    client, member, other, thread, category, make_solution, make_member
):
    """All bookmarks of a page are checked at once; each still by its kind's rule: an unpublished
    solution and the comments under it, a post held for review (shown to its author and the
    category's moderators only), a thread merged away."""
    from community.models import Post, PostStatus, Thread, ThreadKind
    from community.posting import start_thread

    kept, closed = make_solution(title="School meals"), make_solution(title="Closed programme")
    comments = Thread.objects.create(kind=ThreadKind.COMMENTS, page=closed, title="Comments on it", post_count=1)
    comment = Post.objects.create(thread=comments, position=1, author=other, body="Nice", body_html="<p>Nice</p>")
    closed.unpublish()
    theirs, mine = reply(other, thread, "Held one"), reply(member, thread, "Mine, held")
    Post.objects.filter(pk__in=[theirs.pk, mine.pk]).update(status=PostStatus.HELD)
    merged = start_thread(other, title="Merged away", body="Old", category=category)
    Thread.objects.filter(pk=merged.pk).update(merged_into=thread)
    keeper = make_member(email="keeper@example.org", name="Kee Per")
    category.moderators.add(keeper)
    items = [("solution", kept), ("solution", closed), ("post", comment), ("post", theirs), ("post", mine)]
    for user in (member, keeper):
        for kind, item in [*items, ("thread", merged)]:
            Bookmark.objects.create(user=user, kind=kind, target_id=item.pk)

    client.force_login(member)
    page = client.get("/en/account/bookmarks/").content.decode()
    assert "School meals" in page and f"{thread.title} #{mine.position}" in page
    assert "Closed programme" not in page and "Comments on it" not in page and "Merged away" not in page
    assert f"#{theirs.position}<" not in page and page.count("No longer available") == 4
    client.force_login(keeper)
    page = client.get("/en/account/bookmarks/").content.decode()
    assert f"{thread.title} #{theirs.position}" in page and f"{thread.title} #{mine.position}" in page
    assert page.count("No longer available") == 3
