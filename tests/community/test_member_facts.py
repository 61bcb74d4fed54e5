"""A signed-in member is loaded with what every page asks about them (community/auth_backends.py)."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from community.auth_backends import load_member, members_with_facts
from community.models import Category, Notification, Sanction
from community.posting import comment_on_page, start_thread

FACTS = (
    "facts_verified",
    "facts_moderator",
    "facts_moderates_a_category",
    "facts_blocked",
    "facts_unread",
    "facts_commented",
)


def facts(user) -> dict:
    return {name: int(getattr(user, name)) for name in FACTS}


def test_the_compiled_query_finds_the_same_facts_as_the_orm(make_member, make_solution):
    plain = make_member(email="plain@example.org", verified=False)
    moderator = make_member(email="mod@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    keeper = make_member(email="keeper@example.org")
    Category.objects.create(name="Water", slug="water").moderators.add(keeper)
    silenced = make_member(email="quiet@example.org")
    Sanction.objects.create(user=silenced, kind="silence", reason="Insults", ends_at=timezone.now() + timedelta(days=1))
    warned = make_member(email="warned@example.org")
    Sanction.objects.create(user=warned, kind="warning", reason="Tone")
    Sanction.objects.create(user=warned, kind="silence", reason="Old", ends_at=timezone.now() - timedelta(days=1))
    for _ in range(3):
        Notification.objects.create(recipient=warned, kind="reply")
    Notification.objects.create(recipient=warned, kind="reply", read_at=timezone.now())
    commenter = make_member(email="talker@example.org")
    comment_on_page(commenter, make_solution(), "We tried this too.")
    start_thread(plain_thread_author := make_member(email="forum@example.org"), title="Wells", body="A question")

    expected = {
        plain: (0, 0, 0, 0, 0, 0),
        moderator: (1, 1, 0, 0, 0, 0),
        keeper: (1, 0, 1, 0, 0, 0),
        silenced: (1, 0, 0, 1, 0, 0),
        warned: (1, 0, 0, 0, 3, 0),
        commenter: (1, 0, 0, 0, 0, 1),
        plain_thread_author: (1, 0, 0, 0, 0, 0),  # a forum post is not a comment
    }
    for user, values in expected.items():
        assert facts(load_member(user.pk)) == dict(zip(FACTS, values, strict=True)), user.email
        assert facts(members_with_facts().get(pk=user.pk)) == facts(load_member(user.pk))
    assert load_member(10**9) is None


def test_a_sanction_that_ended_a_moment_ago_no_longer_blocks(make_member):
    member = make_member()
    sanction = Sanction.objects.create(
        user=member, kind="suspension", reason="Spam", ends_at=timezone.now() + timedelta(hours=1)
    )
    assert load_member(member.pk).facts_blocked
    Sanction.objects.filter(pk=sanction.pk).update(ends_at=timezone.now() - timedelta(seconds=1))
    assert not load_member(member.pk).facts_blocked
