"""The signed-in pages with a member's own state answer in a number of queries that does not grow
with their content: the inbox, a conversation, the discussions list with unread state (5 and
500 threads) and the bookmarks (5 and 100, of every kind)."""

import datetime

import pytest
from django.utils import timezone

from community.models import (
    Bookmark,
    Conversation,
    ConversationMember,
    Message,
    Post,
    PostStatus,
    ReadMark,
    Thread,
    ThreadKind,
    ThreadRead,
)
from exchange.models import KnowledgeRequest, RequestStatus
from tests.bulk import bulk_solutions
from tests.test_query_budgets import queries


def grow_threads(category, author, reader, count: int, offset: int = 0) -> None:
    """Threads with an opening post, half of them partly read by ``reader``."""
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        [
            Thread(category=category, title=f"Thread {n}", author=author, post_count=3, last_activity_at=now)
            for n in range(offset, offset + count)
        ]
    )
    Post.objects.bulk_create(
        [Post(thread=t, position=1, author=author, body="Opening", body_html="<p>Opening</p>") for t in threads]
    )
    ThreadRead.objects.bulk_create([ThreadRead(user=reader, thread=t, position=1) for t in threads[::2]])


BOOKMARK_KINDS = ("solution", "thread", "post", "request")


def grow_bookmarks(member, catalogue, category, author, count: int, offset: int = 0) -> None:
    """``count`` bookmarks of ``member``, the kinds taking turns so every page lists each kind:
    solutions, threads (some the comments under a solution, some hidden), posts (some held) and
    knowledge requests (some hidden)."""
    per_kind = -(-count // len(BOOKMARK_KINDS))
    solutions = bulk_solutions(catalogue, per_kind, seed=offset)
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        [
            Thread(
                category=category,
                title=f"Kept thread {offset + n}",
                author=author,
                post_count=1,
                last_activity_at=now,
                kind=ThreadKind.COMMENTS if n % 3 == 0 else ThreadKind.DISCUSSION,
                page=solutions[n] if n % 3 == 0 else None,
                is_hidden=n % 5 == 4,
            )
            for n in range(per_kind)
        ]
    )
    posts = Post.objects.bulk_create(
        [
            Post(
                thread=t,
                position=1,
                author=author,
                body="Kept",
                body_html="<p>Kept</p>",
                status=PostStatus.HELD if n % 4 == 1 else PostStatus.VISIBLE,
            )
            for n, t in enumerate(threads)
        ]
    )
    requests = KnowledgeRequest.objects.bulk_create(
        [
            KnowledgeRequest(
                requester=author,
                title=f"Kept request {offset + n}",
                challenge="A challenge",
                learn="Something",
                status=RequestStatus.OPEN,
                is_hidden=n % 5 == 4,
            )
            for n in range(per_kind)
        ]
    )
    targets = list(zip(solutions, threads, posts, requests, strict=True))
    Bookmark.objects.bulk_create(
        [
            Bookmark(user=member, kind=kind, target_id=item.pk)
            for row in targets
            for kind, item in zip(BOOKMARK_KINDS, row, strict=True)
        ][:count]
    )


def grow_conversations(member, others, count: int, offset: int = 0) -> list[Conversation]:
    made = Conversation.objects.bulk_create(
        [
            Conversation(subject=f"Talk {n}", starter=member, last_position=1, message_count=1)
            for n in range(offset, offset + count)
        ]
    )
    ConversationMember.objects.bulk_create(
        [ConversationMember(conversation=c, user=u) for c in made for u in [member, *others]]
    )
    Message.objects.bulk_create(
        [Message(conversation=c, position=1, author=member, body="Hi", body_html="<p>Hi</p>") for c in made]
    )
    return made


def grow_messages(conversation, author, count: int) -> None:
    start = conversation.message_count
    Message.objects.bulk_create(
        [
            Message(
                conversation=conversation, position=start + n + 1, author=author, body="More", body_html="<p>More</p>"
            )
            for n in range(count)
        ]
    )
    Conversation.objects.filter(pk=conversation.pk).update(message_count=start + count, last_position=start + count)
    conversation.refresh_from_db()


@pytest.fixture
def reader(make_member):
    from django.contrib.auth import get_user_model

    user = make_member(email="reader@example.org", name="Rae Reader")
    get_user_model().objects.filter(pk=user.pk).update(date_joined=timezone.now() - datetime.timedelta(days=30))
    return user


@pytest.mark.parametrize(
    ("url", "budget"),
    [("/en/discussions/", 20), ("/en/discussions/?filter=unread", 20), ("/en/discussions/c/water/", 22)],
)
def test_discussions_with_unread_state_keep_their_budget(client, member, reader, category, url, budget):
    ReadMark.objects.create(user=reader, category=None, marked_at=timezone.now() - datetime.timedelta(days=1))
    grow_threads(category, member, reader, 5)
    client.force_login(reader)
    small = queries(client, url)
    grow_threads(category, member, reader, 495, offset=5)
    large = queries(client, url)
    assert large <= budget, large
    assert large == small, (small, large)
    assert "new posts" in client.get(url).content.decode()


def test_the_inbox_keeps_its_budget(client, member, other, make_member):
    third = make_member(email="cy@example.org", name="Cy Third")
    grow_conversations(member, [other, third], 5)
    client.force_login(other)
    small = queries(client, "/en/conversations/")
    grow_conversations(member, [other, third], 495, offset=5)
    large = queries(client, "/en/conversations/")
    assert large <= 16, large
    assert large == small, (small, large)


def test_a_conversation_page_keeps_its_budget(client, member, other):
    """Counted on pages already read, so both views write the same (nothing)."""
    conversation = grow_conversations(member, [other], 1)[0]
    grow_messages(conversation, member, 4)
    client.force_login(other)
    url = f"/en/conversations/{conversation.pk}/?page=1"
    small = queries(client, url)
    grow_messages(conversation, member, 495)
    ConversationMember.objects.filter(user=other).update(last_read_position=conversation.last_position)
    large = queries(client, url)
    assert large <= 18, large
    assert large == small, (small, large)


def test_the_bookmarks_keep_their_budget(client, catalogue, category, member, other):
    """Each kind's items are loaded and checked in a constant number of queries, whatever the
    page holds: 5 bookmarks, then 100 (a full page of 30)."""
    grow_bookmarks(member, catalogue, category, other, 5)
    client.force_login(member)
    small = queries(client, "/en/account/bookmarks/")
    grow_bookmarks(member, catalogue, category, other, 100, offset=5)
    large = queries(client, "/en/account/bookmarks/")
    assert large <= 20, large
    assert large == small, (small, large)
    page = client.get("/en/account/bookmarks/").content.decode()
    assert page.count('class="bookmark-row"') == 30
    for shown in ("Bulk solution", "Kept thread", " #1</a>", "Kept request"):  # a post is named "<thread> #1"
        assert shown in page
    assert "No longer available" in page and "?page=2" in page
