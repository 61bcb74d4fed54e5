"""Ignoring a member: collapsed posts, silent mentions and messages, moderators still heard."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied

from community.ignoring import ignore, unignore
from community.models import IgnoredMember, Notification, Profile
from community.posting import reply


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


def test_ignored_members_posts_are_collapsed_and_their_mentions_silent(client, member, other, thread):
    reply(other, thread, "Bo says: boil it.")
    ignore(member, other)
    client.force_login(member)
    page = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert "Post by a member you ignore — show" in page and "Bo says: boil it." in page
    handle = Profile.objects.get(user=member).slug
    Notification.objects.all().delete()
    reply(other, thread, f"@{handle} did you see?")
    assert not Notification.objects.filter(recipient=member, kind="mention").exists()
    unignore(member, other)
    page = client.get(thread.get_absolute_url() + "?page=1").content.decode()
    assert "Post by a member you ignore" not in page


def test_the_collapsed_copy_is_never_shared_with_other_readers(client, member, other, make_member, thread, page_cache):
    reply(other, thread, "Bo says: boil it.")
    ignore(member, other)
    client.force_login(member)
    assert "member you ignore" in client.get(thread.get_absolute_url() + "?page=1").content.decode()
    client.force_login(make_member(email="z@example.org", name="Zoe"))
    assert "member you ignore" not in client.get(thread.get_absolute_url() + "?page=1").content.decode()


def test_ignoring_from_the_profile_and_moderators_still_reach_the_member(client, member, other, moderator):
    client.force_login(member)
    other_slug = Profile.objects.get(user=other).slug
    client.post(f"/en/members/{other_slug}/ignore/")
    assert IgnoredMember.objects.filter(user=member, ignored=other).exists()
    assert "Stop ignoring" in client.get(f"/en/members/{other_slug}/").content.decode()
    ignore(member, moderator)
    from community.conversations import start_conversation

    start_conversation(moderator, [member], subject="About your post", body="Please edit it.")
    assert Notification.objects.filter(recipient=member, kind="message").exists()
    with pytest.raises(PermissionDenied):
        ignore(member, member)
    assert client.post("/en/members/no-such-member/ignore/").status_code == 404
