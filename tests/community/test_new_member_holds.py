"""A new member's link limit counts every link a reader will see, holds edits too, and what follows
a held post waits with it."""

import pytest
from django.core.cache import cache

from community import decisions
from community.models import Post
from community.posting import edit_post, reply, start_thread
from community.trust import count_links


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


@pytest.fixture
def production_trust(settings):
    settings.COMMUNITY_NEW_MEMBER_DAYS = 3
    settings.COMMUNITY_NEW_MEMBER_POSTS = 3
    settings.COMMUNITY_NEW_MEMBER_HELD_POSTS = 2
    settings.COMMUNITY_NEW_MEMBER_MAX_LINKS = 1


@pytest.fixture
def newcomer(make_member, thread, moderator, production_trust):
    """A new member past the first held posts, both approved."""
    user = make_member(email="new@example.org", name="New Comer")
    for number in range(2):
        decisions.approve_held(moderator, reply(user, thread, f"Hello {number}"))
    return user


TWO_LINKS = [
    "[a](//one.example) and [b](//two.example)",
    "[a](https:one.example) and [b](https:two.example)",
    "[a](\\\\\\\\one.example) and [b](/\\two.example)",  # hrefs \\one.example and /\two.example
    "[a](HTTPS://one.example) and [b](mailto:sale@two.example)",
    '<a href="//one.example">a</a> and <a href="https:two.example">b</a>',
    '<a href=" //one.example">a</a> and <a href="/&#9;/two.example">b</a>',
    "[a][1] and [b][2]\n\n[1]: //one.example\n[2]: //two.example",
    "see one.example [a](//one.example) and www.two.example",
]


@pytest.mark.parametrize("body", TWO_LINKS)
def test_new_member_reply_with_links_in_any_spelling_is_held(newcomer, thread, body):
    assert reply(newcomer, thread, body).status == "held"


def test_mentions_and_links_within_the_site_are_not_counted(newcomer, thread, other):
    handle = other.profile.slug
    body = f"Thanks @{handle}, see [the rules](/en/pages/conduct/) and [above](#post-1) at https://one.example"
    assert reply(newcomer, thread, body).status == "visible"
    assert count_links('<a href="/en/x/">x</a> <a href="https://a.example">https://a.example</a>') == 1


def test_editing_links_into_a_visible_post_holds_it_again(newcomer, thread, client):
    post = reply(newcomer, thread, "A plain reply")
    assert post.status == "visible"
    edit_post(newcomer, post, "Now with [a](//one.example) and [b](//two.example)")
    assert Post.objects.get(pk=post.pk).status == "held"
    assert "one.example" not in client.get(thread.get_absolute_url()).content.decode()


def test_editing_links_into_an_opening_post_hides_the_thread_until_approved(newcomer, category, moderator, client):
    opened = start_thread(newcomer, title="A third question", body="Plain", category=category)
    assert not opened.is_hidden
    opening = opened.posts.get(position=1)
    edit_post(newcomer, opening, "[a](//one.example) [b](//two.example)")
    opened.refresh_from_db()
    assert opened.is_hidden and client.get(opened.get_absolute_url()).status_code == 404
    decisions.approve_held(moderator, Post.objects.get(pk=opening.pk))
    assert client.get(opened.get_absolute_url()).status_code == 200


def test_a_moderator_editing_links_into_a_post_does_not_hold_it(newcomer, thread, moderator):
    post = reply(newcomer, thread, "A plain reply")
    edit_post(moderator, post, "Fixed: [a](https://one.example) and [b](https://two.example)")
    assert Post.objects.get(pk=post.pk).status == "visible"


def test_new_member_post_after_held_posts_is_held_too(make_member, thread, moderator, production_trust):
    user = make_member(email="fresh@example.org", name="Fresh")
    first, second = reply(user, thread, "One"), reply(user, thread, "Two")
    assert (first.status, second.status) == ("held", "held")
    assert reply(user, thread, "Three").status == "held"
    for post in Post.objects.filter(author=user):
        decisions.approve_held(moderator, post)
    assert reply(user, thread, "Four").status == "visible"


def test_mentions_edited_into_a_held_post_are_told_once_when_it_is_approved(
    make_member, thread, moderator, other, production_trust
):
    from community.models import Notification

    user = make_member(email="fresh@example.org", name="Fresh")
    post = reply(user, thread, "Hello")
    assert post.status == "held"
    edit_post(user, post, f"Hello @{other.profile.slug}")
    assert not Notification.objects.filter(recipient=other, post=post).exists()
    decisions.approve_held(moderator, Post.objects.get(pk=post.pk))
    assert Notification.objects.filter(recipient=other, post=post).count() == 1
