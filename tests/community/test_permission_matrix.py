"""Who may do what: visitor, new member, member, trusted, moderator, administrator. Forged ids
(another member's post, profile or submission) are refused like any other."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from community.models import Post, Profile
from community.posting import reply, start_thread

ROLES = ["visitor", "new", "member", "trusted", "moderator", "admin"]


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


@pytest.fixture
def world(make_member, category, settings, django_user_model):
    author = make_member(email="author@example.org", name="Author")
    thread = start_thread(author, title="Matrix thread", body="Opening", category=category)
    victim = reply(author, thread, "Someone else's reply")
    settings.COMMUNITY_NEW_MEMBER_DAYS, settings.COMMUNITY_NEW_MEMBER_POSTS = 3, 3
    users = {
        "visitor": None,
        "new": make_member(email="new@example.org", name="New"),
        "member": make_member(email="member@example.org", name="Member"),
        "trusted": make_member(email="trusted@example.org", name="Trusted"),
        "moderator": make_member(email="moderator@example.org", name="Moderator"),
        "admin": django_user_model.objects.create_superuser("root", "root@example.org", "x"),
    }
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=users["admin"], email="root@example.org", verified=True, primary=True)
    old = timezone.now() - timedelta(days=400)
    for role in ("member", "trusted"):
        users[role].date_joined = old
        users[role].save()
        for n in range(25 if role == "trusted" else 3):
            Post.objects.create(
                thread=thread,
                position=1000 + n + (100 if role == "trusted" else 0),
                author=users[role],
                body="x",
                body_html="x",
            )
    Post.objects.filter(author=users["trusted"]).update(helpful_count=1)
    users["moderator"].groups.add(Group.objects.get(name="Moderators"))
    return {"thread": thread, "victim": victim, "users": users, "author_profile": Profile.objects.get(user=author)}


def as_role(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


EXPECTED = {
    # action: roles that may
    "reply": {"new", "member", "trusted", "moderator", "admin"},
    "edit_other": {"moderator", "admin"},
    "delete_other": {"moderator", "admin"},
    "history_other": {"moderator", "admin"},
    "flag": {"new", "member", "trusted", "moderator", "admin"},
    "queue": {"moderator", "admin"},
    "lock": {"moderator", "admin"},
    "sanction": {"moderator", "admin"},
    "edit_profile_by_id": set(),  # there is no id to forge: /account/profile/ edits your own
}


def attempt(client, world, action) -> bool:
    """Tries the action and reports whether it took effect (status codes alone can mislead)."""
    from community.models import Flag, Sanction

    thread, victim = world["thread"], world["victim"]
    if action == "reply":
        before = thread.posts.count()
        client.post(thread.get_absolute_url(), {"body": "hello"})
        return thread.posts.count() == before + 1
    if action == "edit_other":
        client.post(f"/en/discussions/p/{victim.pk}/edit/", {"body": "changed"})
        return Post.objects.get(pk=victim.pk).body == "changed"
    if action == "delete_other":
        client.post(f"/en/discussions/p/{victim.pk}/delete/", {"reason": "x"})
        return Post.objects.get(pk=victim.pk).is_deleted
    if action == "history_other":
        return client.get(f"/en/discussions/p/{victim.pk}/history/").status_code == 200
    if action == "flag":
        client.post(f"/en/report/post/{victim.pk}/", {"reason": "spam"})
        return Flag.objects.filter(target_kind="post", target_id=victim.pk).exists()
    if action == "queue":
        return client.get("/en/moderation/").status_code == 200
    if action == "lock":
        client.post(f"/en/moderation/thread/{thread.pk}/", {"action": "lock"})
        thread.refresh_from_db()
        return thread.is_locked
    if action == "sanction":
        client.post(f"/en/moderation/member/{world['author_profile'].slug}/", {"kind": "warning", "reason": "test"})
        return Sanction.objects.exists()
    if action == "edit_profile_by_id":
        before = world["author_profile"].display_name
        client.post(
            "/en/account/profile/",
            {"display_name": "Forged", "id": world["author_profile"].pk, "user": world["author_profile"].user_id},
        )
        world["author_profile"].refresh_from_db()
        return world["author_profile"].display_name != before
    raise AssertionError(action)


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_role_action_matrix(client, world, role, action):
    assert attempt(as_role(client, world, role), world, action) == (role in EXPECTED[action])


def test_trust_levels_are_computed(world):
    from community.trust import trust_level

    users = world["users"]
    assert [trust_level(users[r]) for r in ("new", "member", "trusted", "moderator", "admin")] == [
        "new",
        "member",
        "trusted",
        "moderator",
        "moderator",
    ]
