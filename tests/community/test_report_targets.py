"""The report page (/report/<kind>/<id>/) names what is reported, so it loads an item only for a
member who may see it: a guessed id of something hidden, held or unpublished finds nothing."""

from __future__ import annotations

import pytest

from community import decisions
from community.models import Flag, Profile
from community.posting import comment_on_page, reply, start_thread
from community.targets import load
from exchange import lifecycle


@pytest.fixture
def world(make_member, member, moderator, category, make_solution, settings):
    """Builds one item of each kind in each state; each builder returns (kind, id, its name)."""

    def held_post():
        thread = start_thread(member, title="An open thread", body="Open", category=category)
        settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
        post = reply(make_member(email="new@example.org", name="New"), thread, "Held words")
        assert post.status == "held"
        return "post", post.pk, "Held words"

    def hidden_post():
        thread = start_thread(member, title="An open thread", body="Open", category=category)
        post = reply(member, thread, "Rude words")
        decisions.hide(moderator, load("post", post.pk), "Rude")
        return "post", post.pk, "Rude words"

    def post_in_hidden_thread():
        thread = start_thread(member, title="A thread the moderators hid", body="Open", category=category)
        post = reply(member, thread, "A reply")
        decisions.hide(moderator, load("thread", thread.pk), "Off topic")
        return "post", post.pk, "A thread the moderators hid"

    def comment_on_unpublished_solution():
        page = make_solution(title="A solution taken down")
        post = comment_on_page(member, page, "A comment")
        page.unpublish()
        return "post", post.pk, "A solution taken down"

    def hidden_thread():
        thread = start_thread(member, title="A thread the moderators hid", body="Open", category=category)
        decisions.hide(moderator, load("thread", thread.pk), "Off topic")
        return "thread", thread.pk, "A thread the moderators hid"

    def merged_thread():
        source = start_thread(member, title="A thread merged away", body="Open", category=category)
        into = start_thread(member, title="The thread kept", body="Open", category=category)
        decisions.merge(moderator, source, into)
        return "thread", source.pk, "A thread merged away"

    def comments_of_unpublished_solution():
        page = make_solution(title="A solution taken down")
        post = comment_on_page(member, page, "A comment")
        page.unpublish()
        return "thread", post.thread_id, "A solution taken down"

    def draft_solution():
        page = make_solution(publish=False, title="A draft nobody reviewed")
        return "solution", page.pk, "A draft nobody reviewed"

    def hidden_solution():
        page = make_solution(title="A solution the moderators hid")
        decisions.hide(moderator, load("solution", page.pk), "Unverifiable")
        return "solution", page.pk, "A solution the moderators hid"

    def hidden_profile():
        profile = Profile.objects.get(user=make_member(email="odd@example.org", name="Odd Profile"))
        decisions.hide(moderator, load("profile", profile.pk), "Fake account")
        return "profile", profile.pk, "Odd Profile"

    def deactivated_profile():
        user = make_member(email="left@example.org", name="Member Who Left")
        user.is_active = False
        user.save()
        return "profile", Profile.objects.get(user=user).pk, "Member Who Left"

    def request(publish=True, hide=False):
        made = lifecycle.create(
            member,
            publish=publish,
            title="A request nobody may see",
            challenge="A challenge described at length.",
            learn="What others did.",
        )
        if hide:
            decisions.hide(moderator, load("request", made.pk), "Advertising")
        return "request", made.pk, "A request nobody may see"

    def held_request():
        settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
        kind, pk, name = request()
        assert lifecycle.KnowledgeRequest.objects.get(pk=pk).is_held
        return kind, pk, name

    return {
        "held post": held_post,
        "hidden post": hidden_post,
        "post in a hidden thread": post_in_hidden_thread,
        "comment on an unpublished solution": comment_on_unpublished_solution,
        "hidden thread": hidden_thread,
        "merged thread": merged_thread,
        "comments of an unpublished solution": comments_of_unpublished_solution,
        "draft solution": draft_solution,
        "hidden solution": hidden_solution,
        "hidden profile": hidden_profile,
        "deactivated member's profile": deactivated_profile,
        "draft request": lambda: request(publish=False),
        "held request": held_request,
        "hidden request": lambda: request(hide=True),
    }


UNSEEN = [
    "held post",
    "hidden post",
    "post in a hidden thread",
    "comment on an unpublished solution",
    "hidden thread",
    "merged thread",
    "comments of an unpublished solution",
    "draft solution",
    "hidden solution",
    "hidden profile",
    "deactivated member's profile",
    "draft request",
    "held request",
    "hidden request",
]


@pytest.mark.parametrize("case", UNSEEN)
def test_a_guessed_id_of_an_unseen_item_finds_nothing(client, other, world, case):
    kind, pk, name = world[case]()
    client.force_login(other)
    response = client.get(f"/en/report/{kind}/{pk}/")
    assert response.status_code == 404
    assert name not in response.content.decode()
    assert client.post(f"/en/report/{kind}/{pk}/", {"reason": "spam"}).status_code == 404
    assert not Flag.objects.filter(reporter=other).exists()


def test_what_members_see_they_can_report(client, member, other, category, make_solution):
    from community.models import Post

    thread = start_thread(member, title="A thread anyone reads", body="Open", category=category)
    page = make_solution(title="A published solution")
    request = lifecycle.create(
        member, publish=True, title="An open request", challenge="A challenge.", learn="Anything useful."
    )
    items = {
        ("post", Post.objects.get(thread=thread, position=1).pk): "A thread anyone reads",
        ("thread", thread.pk): "A thread anyone reads",
        ("solution", page.pk): "A published solution",
        ("profile", Profile.objects.get(user=member).pk): "Ana Pereira",
        ("request", request.pk): "An open request",
    }
    client.force_login(other)
    for (kind, pk), name in items.items():
        response = client.get(f"/en/report/{kind}/{pk}/")
        assert response.status_code == 200 and name in response.content.decode(), kind
